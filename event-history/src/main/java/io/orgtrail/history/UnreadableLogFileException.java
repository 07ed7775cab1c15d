package io.orgtrail.history;

/** A log file that is not gzip of CloudTrail JSON: nothing of it was indexed. */
public final class UnreadableLogFileException extends EventHistoryException {
  private static final long serialVersionUID = 1L;

  private final String objectKey;

  public UnreadableLogFileException(String objectKey, String reason, Throwable cause) {
    super("cannot index " + objectKey + ": " + reason, cause);
    this.objectKey = objectKey;
  }

  public String objectKey() {
    return objectKey;
  }
}
