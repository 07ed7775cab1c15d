package io.orgtrail.store.sts;

import io.minio.admin.MinioAdminClient;
import io.minio.admin.UserInfo;
import io.orgtrail.store.StoreException;
import java.util.List;
import java.util.Objects;

/**
 * Creates the MinIO users orgtrail runs as, through MinIO's admin API and with the root user's credentials: e.g. a
 * reader that can only read the trail's bucket and in whose name temporary credentials are issued, so that no
 * session policy can ever grant more than reading.
 */
public final class MinioUsers {
  private final MinioAdminClient admin;
  private final String endpoint;

  public MinioUsers(String endpoint, String rootAccessKey, String rootSecretKey) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.admin = MinioAdminClient.builder().endpoint(endpoint).credentials(rootAccessKey, rootSecretKey).build();
  }

  /**
   * Makes {@code accessKey} an enabled user with {@code secretKey} whose only policy is {@code policyJson}, stored as
   * the canned policy {@code policyName}. Running it again updates the policy and the secret.
   */
  public void ensureUser(String accessKey, String secretKey, String policyName, String policyJson)
      throws StoreException {
    String step = "storing policy " + policyName;
    try {
      admin.addCannedPolicy(policyName, policyJson);
      step = "creating user " + accessKey;
      admin.addUser(accessKey, UserInfo.Status.ENABLED, secretKey, null, List.of());
      step = "attaching policy " + policyName + " to user " + accessKey;
      admin.setPolicy(accessKey, false, policyName);
    } catch (Exception e) {
      throw new StoreException("MinIO at " + endpoint + " failed " + step + " (" + e.getMessage()
          + "); check that the root credentials are right and the server is reachable", e);
    }
  }
}
