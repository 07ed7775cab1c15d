package io.orgtrail.store.sts;

import java.time.Instant;
import java.util.Objects;

/** Credentials from STS AssumeRole: usable with any S3 client until {@code expiration}. */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
  public TemporaryCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(expiration, "expiration");
  }

  /** Keeps the secret and the token out of logs. */
  @Override
  public String toString() {
    return "TemporaryCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
  }
}
