package io.orgtrail.format.record;

/** A whole file could not be read as CloudTrail records. */
public final class InvalidFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidFileException(String message) {
    super(message);
  }
}
