package io.orgtrail.history;

/** A lookup the caller got wrong; {@link #error()} says which CloudTrail error it is (a 400 on the API). */
public final class LookupException extends Exception {
  private static final long serialVersionUID = 1L;

  private final LookupError error;

  public LookupException(LookupError error, String message) {
    super(message);
    this.error = error;
  }

  public LookupError error() {
    return error;
  }

  /** CloudTrail's error name, e.g. {@code InvalidNextTokenException}. */
  public String errorCode() {
    return error.errorCode();
  }
}
