package io.orgtrail.cli;

/** An expected failure: its message is printed as it is (no stack trace) and the exit code is 1. */
public final class UserFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserFacingException(String message) {
    super(message);
  }

  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
