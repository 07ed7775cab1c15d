package io.orgtrail.format.record;

/** Why a single CloudTrail record was refused. Mirrors {@code orgtrail.v1.EventProblem}. */
public enum RecordProblem {
  MALFORMED_JSON,
  MISSING_FIELD,
  EVENT_TOO_LARGE,
  WRONG_ACCOUNT,
  INVALID_REGION,
  INVALID_FIELD
}
