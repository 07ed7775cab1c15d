package io.orgtrail.cloudtrailapi.auth;

/** A request whose signature does not hold; {@link #type} is the error AWS answers it with. */
public final class SignatureException extends Exception {
  private final String type;

  SignatureException(String type, String message) {
    super(message);
    this.type = type;
  }

  /** E.g. {@code MissingAuthenticationTokenException}, {@code InvalidSignatureException}. */
  public String type() {
    return type;
  }
}
