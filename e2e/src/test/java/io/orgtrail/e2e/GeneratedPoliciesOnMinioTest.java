package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.generate.OrgBucketPolicy;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.SessionPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.policy.generate.WritePolicies;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.sts.MinioUsers;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every policy orgtrail generates for MinIO is accepted by MinIO and means there what our evaluator says: the
 * aggregator's writer policy and an account's write policy allow exactly their prefixes; the read policies are
 * accepted as user policies (their effect as session policies is {@link ReadAccessEndToEndTest}'s).
 */
class GeneratedPoliciesOnMinioTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();
  private static final String BUCKET = "generated-policies";
  private static final String MANAGEMENT = "999900009999";
  private static final String MEMBER = "111100001111";
  private static final String OTHER = "222200002222";
  private final TrailBucket trail = new TrailBucket(BUCKET, "logs", OrgCluster.ORG);

  @Test
  void minioAcceptsEachGeneratedPolicyAndEnforcesTheWritePrefixes() throws Exception {
    MinioServer server = minio.server();
    try (MinioStore root = MinioStore.builder().endpoint(server.endpoint())
        .credentials(server.accessKey(), server.secretKey()).bucket(BUCKET).region("us-east-1").build()) {
      root.open();
    }
    MinioUsers users = new MinioUsers(server.endpoint(), server.accessKey(), server.secretKey());
    Map<String, PolicyDocument> policies = Map.of(
        "org-writer", OrgBucketPolicy.minioWriter(trail, MANAGEMENT),
        "account-write", WritePolicies.account(trail, MEMBER),
        "account-read", ReadPolicies.account(trail, MEMBER),
        "platform-read", ReadPolicies.platform(trail));
    for (var p : policies.entrySet()) {
      assertThatCode(() -> users.ensureUser("u-" + p.getKey(), "secret-" + p.getKey() + "-0001", "orgtrail-" + p.getKey(),
          SessionPolicies.render(p.getValue()))).as(p.getKey()).doesNotThrowAnyException();
    }

    try (MinioStore writer = storeAs("u-org-writer", "secret-org-writer-0001")) {
      writer.put(object(trail.accountPrefix(MEMBER) + "CloudTrail/us-east-1/x.json.gz"));
      writer.put(object("logs/AWSLogs/" + MANAGEMENT + "/CloudTrail/us-east-1/x.json.gz"));
      assertThat(writer.list(trail.organizationPrefix())).hasSize(1);
      assertThatThrownBy(() -> writer.put(object("logs/elsewhere/x.json.gz")))
          .isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
      assertThatThrownBy(() -> writer.put(object("AWSLogs/" + OrgCluster.ORG + "/" + MEMBER + "/x.json.gz")))
          .isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
    }
    // An account's write policy grants PutObject alone (not even HeadBucket): the SDK's plain put shows it.
    MinioClient member = MinioClient.builder().endpoint(server.endpoint()).region("us-east-1")
        .credentials("u-account-write", "secret-account-write-0001").build();
    member.putObject(putArgs(trail.accountPrefix(MEMBER) + "CloudTrail/eu-west-1/y.json.gz"));
    assertThatThrownBy(() -> member.putObject(putArgs(trail.accountPrefix(OTHER) + "CloudTrail/eu-west-1/y.json.gz")))
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
  }

  private static MinioStore storeAs(String user, String secret) {
    return MinioStore.builder().endpoint(minio.server().endpoint()).credentials(user, secret).bucket(BUCKET)
        .region("us-east-1").build();
  }

  private static PutObjectArgs putArgs(String key) {
    return PutObjectArgs.builder().bucket(BUCKET).object(key).stream(new ByteArrayInputStream(new byte[] {'{', '}'}), 2, -1).build();
  }

  private static PutObject object(String key) {
    return new PutObject(key, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", null, Map.of());
  }
}
