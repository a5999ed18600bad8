package io.drover.coord.wire;

import java.util.List;

/** One ACL entry: a permission bit set for an identity. */
public record Acl(int perms, Id id) {
  public static final int READ = 1, WRITE = 2, CREATE = 4, DELETE = 8, ADMIN = 16, ALL = 31;

  public static final List<Acl> OPEN_ACL_UNSAFE = List.of(new Acl(ALL, Id.ANYONE));
  public static final List<Acl> CREATOR_ALL_ACL = List.of(new Acl(ALL, Id.AUTH_IDS));
  public static final List<Acl> READ_ACL_UNSAFE = List.of(new Acl(READ, Id.ANYONE));

  public void write(JuteOutput out) {
    out.writeInt(perms);
    id.write(out);
  }

  public static Acl read(JuteInput in) { return new Acl(in.readInt(), Id.read(in)); }
}
