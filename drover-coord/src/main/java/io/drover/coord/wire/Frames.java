package io.drover.coord.wire;

/**
 * The 4-byte big-endian length prefix that frames every message on a client connection.
 *
 * <p>The codecs' {@code encode*} methods return a bare payload (no prefix): that is what tests, tools and
 * the fuzzer want. The server instead uses the {@code write*Frame(JuteOutput, …)} variants, which reserve
 * the prefix in place, write the payload after it and then patch the length with {@link JuteOutput#putInt},
 * so nothing is copied; several frames may be appended to one {@link JuteOutput} and flushed as one write
 * ({@code out.array()} up to {@code out.size()}).
 */
public final class Frames {
  private Frames() {}

  /** Bytes taken by the length prefix. */
  public static final int PREFIX_BYTES = 4;

  /** Reserves the length prefix at the current end of {@code out}; pass the returned mark to {@link #end}. */
  public static int begin(JuteOutput out) {
    int mark = out.size();
    out.writeInt(0);
    return mark;
  }

  /** Patches the prefix reserved at {@code mark} with the number of payload bytes written since. */
  public static void end(JuteOutput out, int mark) {
    out.putInt(mark, out.size() - mark - PREFIX_BYTES);
  }

  /** A copy of {@code payload} with its length prefix in front. */
  public static byte[] withLengthPrefix(byte[] payload) {
    JuteOutput out = new JuteOutput(payload.length + PREFIX_BYTES);
    out.writeInt(payload.length).writeRaw(payload);
    return out.toByteArray();
  }
}
