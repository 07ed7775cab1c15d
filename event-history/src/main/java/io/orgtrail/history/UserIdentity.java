package io.orgtrail.history;

/** The top-level string members of a record's userIdentity that the history needs. Any may be null. */
record UserIdentity(String type, String userName, String arn, String principalId, String invokedBy,
    String accessKeyId) {}
