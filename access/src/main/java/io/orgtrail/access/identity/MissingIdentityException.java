package io.orgtrail.access.identity;

/**
 * A certificate that does not carry a valid orgtrail identity. The message says what is missing or wrong and how to
 * get a proper certificate.
 */
public final class MissingIdentityException extends Exception {
  private static final long serialVersionUID = 1L;

  public MissingIdentityException(String message) {
    super(message);
  }
}
