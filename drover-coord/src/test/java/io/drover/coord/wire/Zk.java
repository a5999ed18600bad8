package io.drover.coord.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;

/** Apache ZooKeeper's own jute serialization, the reference our codecs are checked against byte for byte. */
final class Zk {
  private Zk() {}

  /** The records serialized back to back, as ZooKeeper writes a header and its body into one frame. */
  static byte[] bytes(Record... records) {
    ByteArrayOutputStream baos = new ByteArrayOutputStream();
    BinaryOutputArchive oa = BinaryOutputArchive.getArchive(baos);
    try {
      for (Record r : records) r.serialize(oa, "r");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return baos.toByteArray();
  }

  static org.apache.zookeeper.data.Stat stat(Stat s) {
    return new org.apache.zookeeper.data.Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(),
        s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
  }

  static List<ACL> acls(List<Acl> acls) {
    return acls.stream().map(a -> new ACL(a.perms(), new org.apache.zookeeper.data.Id(a.id().scheme(), a.id().id()))).toList();
  }

  /** A Stat with every field distinct, so a field swap shows up. */
  static final Stat STAT = new Stat(0x0102030405060708L, 0x1112131415161718L, 1_700_000_000_123L, 1_700_000_000_456L,
      7, 8, 9, 0x7ab0000000000001L, 11, 12, 0x2122232425262728L);

  static final List<Acl> ACLS = List.of(new Acl(Acl.ALL, Id.ANYONE), new Acl(Acl.READ | Acl.WRITE, new Id("digest", "u:h=")));
}
