package io.orgtrail.aggregator.guard;

/** A key the aggregator built lies outside the account's own prefix: it is never written. */
public final class KeyOutsideAccountException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public KeyOutsideAccountException(String message) {
    super(message);
  }
}
