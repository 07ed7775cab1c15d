package io.orgtrail.format.record;

/**
 * The top-level fields of a CloudTrail record that routing and validation need. Any of them may be null when the
 * record does not carry it (or carries it as something other than a string).
 */
public record RecordFields(
    String eventId,
    String eventTime,
    String eventSource,
    String eventName,
    String awsRegion,
    String recipientAccountId) {}
