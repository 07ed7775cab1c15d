package io.orgtrail.access.client;

import io.grpc.Status;

/**
 * The access service refused or could not answer. {@link #getMessage()} is for the user: the server's own words
 * (what was wrong and what to do) or, when the call never reached it, what went wrong on the way.
 */
public final class AccessException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String serverMessage;

  public AccessException(Status.Code code, String message, String serverMessage, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.serverMessage = serverMessage;
  }

  /** The gRPC status: PERMISSION_DENIED, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE, UNAUTHENTICATED, ... */
  public Status.Code code() {
    return code;
  }

  /** The status description exactly as the server (or gRPC) gave it; empty when there was none. */
  public String serverMessage() {
    return serverMessage;
  }
}
