package io.orgtrail.format.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Parses a record's eventTime. {@link Instant#parse} costs about as much as scanning the whole record (a general
 * formatter, a map of fields, resolution), and every record's eventTime is read on the hot path; CloudTrail writes
 * it as {@code yyyy-MM-ddTHH:mm:ssZ}, which is read here directly. Anything else goes to {@link Instant#parse}, so
 * exactly what it accepts is accepted, with the same result.
 */
public final class EventTimes {
  private static final int PLAIN_LENGTH = 20; // 2024-01-31T12:00:00Z

  private EventTimes() {}

  /** @throws DateTimeParseException when {@code text} is not an ISO-8601 instant */
  public static Instant parse(String text) {
    if (text.length() == PLAIN_LENGTH) {
      long seconds = plainEpochSecond(text);
      if (seconds != Long.MIN_VALUE) {
        return Instant.ofEpochSecond(seconds);
      }
    }
    return Instant.parse(text);
  }

  /** The epoch second of {@code yyyy-MM-ddTHH:mm:ssZ}, or {@code Long.MIN_VALUE} for anything else. */
  private static long plainEpochSecond(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return Long.MIN_VALUE; // including leap seconds and 24:00, which Instant.parse has its own rules for
    }
    try {
      return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
    } catch (DateTimeException e) {
      return Long.MIN_VALUE; // February 30th and the like: Instant.parse says why
    }
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
