package io.orgtrail.integrity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the AWS CLI prints them: {@code 2026-03-01T10:00:00Z}. */
final class DisplayTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private DisplayTime() {}

  static String format(Instant t) {
    return FORMAT.format(t);
  }

  /** {@code 1 h}, {@code 10 min}, {@code 90 s}. */
  static String duration(java.time.Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }
}
