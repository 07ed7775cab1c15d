package io.orgtrail.history;

/** The event history's database could not be read or written (a server-side failure, not the caller's). */
public class EventHistoryException extends Exception {
  private static final long serialVersionUID = 1L;

  public EventHistoryException(String message, Throwable cause) {
    super(message, cause);
  }

  public EventHistoryException(String message) {
    super(message);
  }
}
