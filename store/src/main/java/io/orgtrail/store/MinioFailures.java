package io.orgtrail.store;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns what the MinIO SDK throws into a {@link StoreException} that says, in words, what went wrong where. */
final class MinioFailures {
  private MinioFailures() {}

  /** What a failed operation means for the data. */
  enum Effect {
    /** A read or listing: nothing changed. */
    NONE,
    /** A write: the object was certainly not written, or a timeout/broken connection left it unknown. */
    WRITE
  }

  /**
   * @param endpoint e.g. {@code http://127.0.0.1:9000}
   * @param action e.g. {@code writing s3://orgtrail/AWSLogs/...}
   */
  static StoreException describe(String endpoint, String action, Effect effect, Exception failure) {
    Cause cause = classify(failure);
    String message = "MinIO at " + endpoint + " " + cause.words + " while " + action;
    if (effect == Effect.WRITE) {
      message += cause.writeMayHaveHappened
          ? "; the write was not confirmed (the object may or may not be stored)"
          : "; the object was not written";
    }
    return new StoreException(message, failure);
  }

  /**
   * Whether an I/O failure is a connection that broke under an exchange (e.g. a stale keep-alive connection),
   * as opposed to a server that cannot be reached or does not answer in time.
   */
  static boolean isBrokenConnection(IOException e) {
    return !(e instanceof InterruptedIOException)
        && !(e instanceof ConnectException)
        && !(e instanceof UnknownHostException)
        && !(e instanceof SSLException);
  }

  private record Cause(String words, boolean writeMayHaveHappened) {}

  private static Cause classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ErrorResponseException e) {
        return new Cause(errorResponse(e), false);
      }
      if (t instanceof ServerException e) {
        return new Cause("failed with HTTP " + e.statusCode() + " (server error: " + e.getMessage() + ")", true);
      }
      if (t instanceof InvalidResponseException e) {
        return new Cause("sent a response that is not from an S3 server (" + e.getMessage() + ")", true);
      }
      if (t instanceof ConnectException) {
        return new Cause("is unreachable (" + connectReason(failure) + ")", false);
      }
      if (t instanceof UnknownHostException e) {
        return new Cause("is unreachable (unknown host " + e.getMessage() + ")", false);
      }
      if (t instanceof SSLException e) {
        return new Cause("failed the TLS handshake (" + e.getMessage() + ")", false);
      }
      if (t instanceof InterruptedIOException e) {
        return new Cause("did not answer in time (" + lower(e.getMessage(), "timeout") + ")", true);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException e) {
        return new Cause("broke the connection (" + lower(e.getMessage(), e.getClass().getSimpleName()) + ")", true);
      }
    }
    return new Cause("failed (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")", true);
  }

  private static String errorResponse(ErrorResponseException e) {
    String code = e.errorResponse().code();
    String serverMessage = e.errorResponse().message();
    String words = switch (code == null ? "" : code) {
      case "NoSuchBucket" -> "says the bucket does not exist";
      case "AccessDenied" -> "denied access";
      case "InvalidAccessKeyId" -> "does not know the access key (temporary credentials are forgotten once they expire)";
      case "ExpiredToken" -> "says the temporary credentials have expired: ask for new ones";
      case "SignatureDoesNotMatch" -> "rejected the secret key (signature does not match)";
      case "BadDigest", "InvalidDigest" -> "rejected the upload's Content-MD5";
      case "InvalidBucketName" -> "rejected the bucket name";
      case "XMinioStorageFull" -> "is out of disk space";
      default -> "rejected the request";
    };
    return words + " (" + code + ": " + serverMessage + ")";
  }

  private static String connectReason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("refused")) {
        return "connection refused";
      }
    }
    return lower(failure.getMessage(), "cannot connect");
  }

  private static String lower(String message, String fallback) {
    return message == null || message.isBlank() ? fallback : message.toLowerCase(Locale.ROOT);
  }
}
