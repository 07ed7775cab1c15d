package io.orgtrail.access.server;

import io.orgtrail.store.StoreException;
import io.orgtrail.store.sts.TemporaryCredentials;
import java.time.Duration;

/**
 * Issues temporary S3 credentials limited by a session policy: on MinIO, its STS AssumeRole
 * ({@code MinioSts::assumeRole}), so that MinIO itself enforces what the grant may read.
 */
@FunctionalInterface
public interface CredentialIssuer {
  /**
   * @param sessionPolicyJson the inline session policy (at most 2,048 characters)
   * @param duration how long the credentials last (the service asks for 15 minutes to 12 hours)
   * @throws StoreException when the STS cannot be reached or refuses; the message says what it answered
   */
  TemporaryCredentials issue(String sessionPolicyJson, Duration duration) throws StoreException;
}
