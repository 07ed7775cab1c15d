package io.orgtrail.policy.condition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads condition values (from policies and requests) as the typed operators need them. */
public final class ConditionValues {
  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,12}(\\.\\d{1,9})?");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,4})?");

  private ConditionValues() {}

  public static Optional<BigDecimal> number(String text) {
    if (text == null || !NUMBER.matcher(text.trim()).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text.trim()));
  }

  /** An ISO-8601 date or date-time (UTC when it has no offset), or epoch seconds. */
  public static Optional<Instant> date(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (EPOCH.matcher(t).matches()) {
      BigDecimal seconds = new BigDecimal(t);
      long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
      return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // not with an offset: try the forms without
    }
    try {
      return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // not a local date-time either
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code true} or {@code false}, in any case. */
  public static Optional<Boolean> bool(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** Base64 (standard alphabet) bytes, as BinaryEquals compares them. */
  public static Optional<byte[]> binary(String text) {
    try {
      return Optional.of(Base64.getDecoder().decode(text.trim()));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** Why {@code value} cannot be a value of {@code family}, or empty when it can. */
  public static Optional<String> problem(Operator.Family family, String value) {
    return switch (family) {
      case NUMERIC -> number(value).isPresent() ? Optional.empty() : Optional.of("is not a number, such as 10 or 2.5");
      case DATE -> date(value).isPresent()
          ? Optional.empty()
          : Optional.of("is not a date: use ISO-8601 (2024-01-31T12:00:00Z) or epoch seconds (1706702400)");
      case BOOL, NULL -> bool(value).isPresent() ? Optional.empty() : Optional.of("is not true or false");
      case BINARY -> binary(value).isPresent() ? Optional.empty() : Optional.of("is not base64");
      case IP -> IpRange.parse(value).isPresent()
          ? Optional.empty()
          : Optional.of("is not an IP address or CIDR range, such as 203.0.113.0/24 or 2001:db8::/32");
      case STRING, ARN -> Optional.empty();
    };
  }
}
