package io.drover.apps.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Marathon version/time stamp: millisecond precision, written as ISO-8601 UTC with milliseconds and {@code Z}
 * ({@code 2015-09-25T15:13:48.343Z}). Ordered by time.
 */
public record Timestamp(long epochMs) implements Comparable<Timestamp> {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public static Timestamp ofEpochMs(long epochMs) { return new Timestamp(epochMs); }

  /**
   * Parses any ISO-8601 date-time with an offset ({@code Z} or {@code +02:00}); sub-millisecond digits are
   * truncated. Empty when {@code text} is not such a date-time.
   */
  public static Optional<Timestamp> parse(String text) {
    try {
      Instant i = OffsetDateTime.parse(text).toInstant();
      return Optional.of(new Timestamp(i.toEpochMilli()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public Instant toInstant() { return Instant.ofEpochMilli(epochMs); }

  public Timestamp plusMs(long ms) { return new Timestamp(epochMs + ms); }

  @Override public String toString() { return FORMAT.format(toInstant()); }

  @Override public int compareTo(Timestamp o) { return Long.compare(epochMs, o.epochMs); }
}
