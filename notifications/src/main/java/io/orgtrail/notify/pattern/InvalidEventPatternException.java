package io.orgtrail.notify.pattern;

/** An event pattern that is not valid JSON or not valid EventBridge pattern syntax; the message names the JSON path. */
public final class InvalidEventPatternException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidEventPatternException(String message) {
    super(message);
  }

  public InvalidEventPatternException(String message, Throwable cause) {
    super(message, cause);
  }
}
