package io.drover.coord.wire;

/** An ACL identity: {@code scheme:id}, e.g. {@code world:anyone}, {@code digest:user:hash}, {@code ip:10.0.0.0/8}. */
public record Id(String scheme, String id) {
  public static final Id ANYONE = new Id("world", "anyone");
  public static final Id AUTH_IDS = new Id("auth", "");

  public void write(JuteOutput out) { out.writeString(scheme).writeString(id); }

  public static Id read(JuteInput in) { return new Id(in.readString(), in.readString()); }
}
