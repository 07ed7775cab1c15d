package io.orgtrail.agent.source.http;

import io.orgtrail.format.record.RecordProblem;

/**
 * The {@code errorCode} values of {@code failed[]} entries in a PutAuditEvents answer. Each event fails alone with
 * one of these; the rest of the call goes through.
 */
public enum AuditEventError {
  /** {@code eventData} is not a single JSON object. */
  MALFORMED_EVENT_DATA("MalformedEventData", RecordProblem.MALFORMED_JSON),
  /** A required field (eventTime, eventSource, eventName, awsRegion, recipientAccountId) is missing or empty. */
  MISSING_REQUIRED_FIELD("MissingRequiredField", RecordProblem.MISSING_FIELD),
  /** {@code eventData} is over 256 KiB. */
  EVENT_DATA_TOO_LARGE("EventDataTooLarge", RecordProblem.EVENT_TOO_LARGE),
  /** {@code recipientAccountId} is not the account this agent is enrolled for. */
  WRONG_ACCOUNT("WrongAccount", RecordProblem.WRONG_ACCOUNT),
  /** {@code awsRegion} is not a region name such as us-east-1. */
  INVALID_REGION("InvalidRegion", RecordProblem.INVALID_REGION),
  /** A field has a value of the wrong form, e.g. an eventTime that is not ISO-8601 or a non-string eventID. */
  INVALID_FIELD_VALUE("InvalidFieldValue", RecordProblem.INVALID_FIELD),
  /** The entry has no {@code eventData} string. */
  MISSING_EVENT_DATA("MissingEventData", null),
  /** Another entry of the same call has the same {@code id}; the first one is processed, later ones fail. */
  DUPLICATE_ID("DuplicateId", null),
  /** {@code eventDataChecksum} is neither 64 hex digits nor base64 of 32 bytes. */
  INVALID_CHECKSUM("InvalidChecksum", null),
  /** {@code eventDataChecksum} does not match the SHA-256 of {@code eventData}'s UTF-8 bytes. */
  CHECKSUM_MISMATCH("ChecksumMismatch", null),
  /**
   * The agent could not write the event to its disk spool (disk full or failing) while other events of the call
   * were written; the event was not accepted: send it again later. (When no event of a call could be written,
   * the whole call is answered 503 instead.)
   */
  NOT_STORED("ServiceUnavailable", null);

  private final String code;
  private final RecordProblem problem;

  AuditEventError(String code, RecordProblem problem) {
    this.code = code;
    this.problem = problem;
  }

  /** The {@code errorCode} text in the answer. */
  public String code() {
    return code;
  }

  /** The key this refusal is counted under in the agent's stats: the RecordProblem name, or this constant's. */
  public String statsKey() {
    return problem != null ? problem.name() : name();
  }

  public static AuditEventError of(String recordProblem) {
    for (AuditEventError e : values()) {
      if (e.problem != null && e.problem.name().equals(recordProblem)) {
        return e;
      }
    }
    throw new IllegalArgumentException("no PutAuditEvents error code for record problem " + recordProblem);
  }
}
