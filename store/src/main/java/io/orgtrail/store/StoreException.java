package io.orgtrail.store;

/** The store could not do what was asked; the message names the store, the key and the cause. */
public class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
