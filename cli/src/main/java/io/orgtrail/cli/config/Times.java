package io.orgtrail.cli.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads points in time as the AWS CLI takes them: {@code 2015-01-08T05:21:42Z}, with any offset, or a UTC date. */
public final class Times {
  private Times() {}

  public static Instant parse(String text, String option) {
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the shorter forms
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // a date alone?
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ConfigException(option + " '" + text + "' is not a time: use UTC ISO-8601 such as "
          + "2026-11-21T05:21:42Z, or a date such as 2026-11-21");
    }
  }
}
