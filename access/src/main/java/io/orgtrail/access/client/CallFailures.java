package io.orgtrail.access.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import javax.net.ssl.SSLException;

/** Turns a failed call into an {@link AccessException} whose message a user can act on. */
final class CallFailures {
  private CallFailures() {}

  static AccessException describe(StatusRuntimeException e, String target) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? "" : status.getDescription();
    SSLException tls = tlsCause(status.getCause());
    String message;
    if (tls != null) {
      message = "the TLS handshake with the access service at " + target + " failed (" + tls.getMessage() + "): the"
          + " service accepts only a current client certificate issued by the organization's CA, and this client"
          + " trusts only servers whose certificate that CA issued (the ca.pem next to your certificate); get a"
          + " certificate with `orgtrail admin issue-cert` and check that it has not expired";
    } else if (status.getCode() == Status.Code.UNAVAILABLE && description.isEmpty()) {
      message = "the access service at " + target + " is unavailable" + causeText(status.getCause());
    } else if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
      // gRPC's own transport failure (connection refused, TLS closed): say where we tried to connect.
      message = "cannot reach the access service at " + target + ": " + description + causeText(status.getCause());
    } else if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      message = "the access service at " + target + " did not answer in time (" + description + ")";
    } else if (description.isEmpty()) {
      message = "the access service at " + target + " failed the call with " + status.getCode();
    } else {
      message = description;
    }
    return new AccessException(status.getCode(), message, description, e);
  }

  private static SSLException tlsCause(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  private static String causeText(Throwable cause) {
    if (cause == null) {
      return "";
    }
    Throwable root = cause;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return " (" + (root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName()) + ")";
  }
}
