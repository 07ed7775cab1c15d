package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.S3Credentials;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.access.client.GrantedStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Expired read credentials are refused by MinIO itself. MinIO's STS issues nothing shorter than 15 minutes, so this
 * test waits that long: it runs concurrently with the other end-to-end classes (see junit-platform.properties) and
 * spends the wait polling, not sleeping blind.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReadCredentialExpiryTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();

  @TempDir Path dir;

  @Test
  void credentialsStopWorkingWhenTheyExpire() throws Exception {
    MinioServer server = minio.server();
    OrgPki pki = new OrgPki(dir.resolve("pki"));
    Path alice = pki.person("alice", ReadAccessEndToEndTest.ALICE_ACCOUNT, "member-admin");
    String prefix = "AWSLogs/" + OrgCluster.ORG + "/" + ReadAccessEndToEndTest.ALICE_ACCOUNT + "/";
    ReadAccessGrant grant;
    try (MinioStore root = ReadAccessEndToEndTest.rootStore(server)) {
      root.open();
      ReadAccessEndToEndTest.createReader(dir, server);
      try (OrgCluster cluster = new OrgCluster(dir.resolve("org"), root, Duration.ofSeconds(1),
          c -> c.access(pki.accessSettings()),
          b -> b.readCredentials(ReadAccessEndToEndTest.readerCredentials(server)))) {
        cluster.startAgent(ReadAccessEndToEndTest.ALICE_ACCOUNT, b -> b.generator(new GeneratorSettings(200, 50, List.of("us-east-1"))));
        Await.until(Duration.ofSeconds(60), () -> cluster.acknowledgedEvents() >= 50 && cluster.allAcknowledged(),
            () -> "the agent's events acknowledged: " + cluster.aggregator().stats());
        try (AccessClient client = AccessClient.builder()
            .target("127.0.0.1:" + cluster.aggregator().accessPort().orElseThrow()).identity(alice).build()) {
          grant = client.grantReadAccess(ReadAccessEndToEndTest.ALICE_ACCOUNT, Duration.ofMinutes(15));
        }
      }
    }
    Instant expiry = Instant.ofEpochMilli(grant.getExpirationEpochMillis());
    assertThat(expiry).isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
    S3Credentials s3 = grant.getS3();
    AwsCli aws = AwsCli.withSessionCredentials(s3.getEndpoint(), s3.getAccessKeyId(), s3.getSecretAccessKey(),
        s3.getSessionToken(), Files.createDirectories(dir.resolve("aws")));
    try (ObjectStore granted = GrantedStore.open(grant, null)) {
      assertThat(granted.list(prefix)).isNotEmpty();
      assertThat(aws.run(List.of("s3", "ls", "s3://" + ReadAccessEndToEndTest.BUCKET + "/" + prefix)).exitCode()).isZero();

      // Until the expiry they keep working; after it MinIO refuses them.
      Await.until(Duration.between(Instant.now(), expiry).plus(Duration.ofMinutes(2)), Duration.ofSeconds(1), () -> {
        try {
          granted.list(prefix);
          return false;
        } catch (StoreException e) {
          return true;
        }
      }, () -> "MinIO refusing the credentials that expire at " + expiry);
      assertThat(Instant.now()).as("refused only once expired").isAfterOrEqualTo(expiry.minusSeconds(1));
      assertThatThrownBy(() -> granted.list(prefix)).isInstanceOf(StoreException.class)
          .hasMessageMatching("(?s).*(ExpiredToken|InvalidAccessKeyId|InvalidToken|AccessDenied).*");
      AwsCli.Result expired = aws.run(List.of("s3", "ls", "s3://" + ReadAccessEndToEndTest.BUCKET + "/" + prefix));
      assertThat(expired.exitCode()).as(expired.all()).isNotZero();
      assertThat(expired.stderr()).containsAnyOf("ExpiredToken", "InvalidAccessKeyId", "InvalidToken", "AccessDenied");
    }
  }
}
