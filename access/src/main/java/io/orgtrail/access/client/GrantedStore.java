package io.orgtrail.access.client;

import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.S3Credentials;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectStore;

/** Opens what a {@link ReadAccessGrant} lets its holder read, as a read-only {@link ObjectStore}. */
public final class GrantedStore {
  private GrantedStore() {}

  /**
   * On S3 credentials: a read-only {@link MinioStore} using them (MinIO enforces the grant's session policy). On the
   * embedded store: an {@link ObjectStore} over the access service's ListObjects and GetObject through
   * {@code client} (the service enforces the caller's policy on every call). Closing the returned store never
   * closes {@code client}.
   *
   * @throws IllegalArgumentException when the grant carries neither kind of access
   */
  public static ObjectStore open(ReadAccessGrant grant, AccessClient client) {
    switch (grant.getAccessCase()) {
      case S3 -> {
        S3Credentials s3 = grant.getS3();
        MinioStore.Builder store = MinioStore.builder()
            .endpoint(s3.getEndpoint())
            .credentials(s3.getAccessKeyId(), s3.getSecretAccessKey())
            .sessionToken(s3.getSessionToken())
            .bucket(grant.getBucket())
            .readOnly(true);
        if (!s3.getRegion().isEmpty()) {
          store.region(s3.getRegion());
        }
        return store.build();
      }
      case EMBEDDED -> {
        return new AccessServiceStore(client, grant.getBucket());
      }
      default -> throw new IllegalArgumentException("the grant for account '" + grant.getAccountId() + "' carries"
          + " neither S3 credentials nor embedded store access; the access service and this client disagree on"
          + " the protocol, update one of them");
    }
  }
}
