package io.orgtrail.insights;

/** What {@link InsightsDetector#observe} did with one record. */
public enum Observation {
  /** Counted as a write call and/or an error. */
  COUNTED,
  /** A management read call without an error: neither insight type measures it. */
  NOT_MEASURED,
  /** Not a management event (data, network activity, Insights events themselves). */
  NOT_MANAGEMENT,
  /** eventTime older than the recent window: too late to count (see {@link InsightsSettings#recentWindow}). */
  TOO_LATE,
  /** Not JSON, or missing eventTime, eventSource, eventName, awsRegion or recipientAccountId. */
  MALFORMED
}
