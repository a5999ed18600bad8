package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** An immutable proto {@code bytes} value (TaskStatus uuid/data, message data); JSON form is standard Base64. */
public final class Bytes {
  private final byte[] bytes;

  private Bytes(byte[] bytes) { this.bytes = bytes; }

  public static Bytes of(byte[] bytes) { return new Bytes(bytes.clone()); }

  public static Bytes utf8(String text) { return new Bytes(text.getBytes(StandardCharsets.UTF_8)); }

  /** @throws IllegalArgumentException if {@code base64} is not valid Base64 */
  @JsonCreator
  public static Bytes fromBase64(String base64) { return new Bytes(Base64.getDecoder().decode(base64)); }

  @JsonValue
  public String base64() { return Base64.getEncoder().encodeToString(bytes); }

  public byte[] toArray() { return bytes.clone(); }

  public int size() { return bytes.length; }

  @Override public boolean equals(Object o) { return o instanceof Bytes b && Arrays.equals(bytes, b.bytes); }

  @Override public int hashCode() { return Arrays.hashCode(bytes); }

  @Override public String toString() { return "Bytes(" + base64() + ")"; }
}
