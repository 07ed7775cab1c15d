package io.orgtrail.format.record;

import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.layout.Region;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The checks every record must pass before it is logged, shared by the agent (to refuse bad input at its source)
 * and the aggregator (which trusts nothing an agent sends).
 */
public final class RecordRules {
  /** CloudTrail's own limit on a delivered event is 256 KB; we allow the same. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 256 * 1024;

  private final RecordScanner scanner;
  private final int maxRecordBytes;

  public RecordRules(RecordScanner scanner, int maxRecordBytes) {
    this.scanner = scanner;
    this.maxRecordBytes = maxRecordBytes;
  }

  public RecordRules() {
    this(new RecordScanner(), DEFAULT_MAX_RECORD_BYTES);
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  /**
   * Checks one record for {@code account}. A record without an eventID passes here (the agent fills one in; the
   * aggregator calls {@link #requireEventId}).
   */
  public RecordFields check(byte[] record, String account) throws InvalidRecordException {
    return checkTimed(record, account).fields();
  }

  /** {@link #check}, also giving the parsed eventTime, for callers that need it and should not parse it twice. */
  public CheckedRecord checkTimed(byte[] record, String account) throws InvalidRecordException {
    if (record.length > maxRecordBytes) {
      throw new InvalidRecordException(
          RecordProblem.EVENT_TOO_LARGE,
          "the record is " + record.length + " bytes; the limit is " + maxRecordBytes + " bytes");
    }
    RecordFields f = scanner.scan(record);
    require(f.eventTime(), "eventTime");
    require(f.eventSource(), "eventSource");
    require(f.eventName(), "eventName");
    require(f.awsRegion(), "awsRegion");
    Instant eventTime;
    try {
      eventTime = EventTimes.parse(f.eventTime());
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException(
          RecordProblem.INVALID_FIELD,
          "eventTime '" + abbreviate(f.eventTime()) + "' is not an ISO-8601 UTC time such as 2024-01-31T12:00:00Z");
    }
    if (!Region.isValid(f.awsRegion())) {
      throw new InvalidRecordException(
          RecordProblem.INVALID_REGION,
          "awsRegion '" + abbreviate(f.awsRegion()) + "' is not a region name such as us-east-1");
    }
    String recipient = f.recipientAccountId();
    if (recipient == null) {
      throw new InvalidRecordException(
          RecordProblem.MISSING_FIELD, "the record has no recipientAccountId (expected " + account + ")");
    }
    if (!recipient.equals(account)) {
      throw new InvalidRecordException(
          RecordProblem.WRONG_ACCOUNT,
          "recipientAccountId '"
              + abbreviate(recipient)
              + "' is not this agent's account "
              + account
              + "; an agent may only log its own account's events");
    }
    return new CheckedRecord(f, eventTime);
  }

  public static void requireEventId(RecordFields f) throws InvalidRecordException {
    require(f.eventId(), "eventID");
  }

  public static boolean isAccountId(String s) {
    return AccountId.isValid(s);
  }

  private static void require(String value, String field) throws InvalidRecordException {
    if (value == null || value.isEmpty()) {
      throw new InvalidRecordException(
          RecordProblem.MISSING_FIELD, "the record has no " + field + " (a non-empty string is required)");
    }
  }

  /** Keeps error messages readable (and log lines bounded) whatever a sender puts in a field. */
  static String abbreviate(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 64; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : c);
    }
    return s.length() > 64 ? b + "..." : b.toString();
  }
}
