package io.orgtrail.access.server;

import static io.orgtrail.access.testing.TestObjects.ALICE_ACCOUNT;
import static io.orgtrail.access.testing.TestObjects.ALICE_LOG;
import static io.orgtrail.access.testing.TestObjects.ALICE_PREFIX;
import static io.orgtrail.access.testing.TestObjects.BIG_CONTENT;
import static io.orgtrail.access.testing.TestObjects.BOB_LOG;
import static io.orgtrail.access.testing.TestObjects.BOB_PREFIX;
import static io.orgtrail.access.testing.TestObjects.ORG_PREFIX;
import static io.orgtrail.access.testing.TestObjects.PLATFORM_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.credentials.StaticProvider;
import io.minio.errors.ErrorResponseException;
import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.AccessException;
import io.orgtrail.access.client.GrantedStore;
import io.orgtrail.access.testing.TestObjects;
import io.orgtrail.access.testing.TestPki;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.S3Credentials;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.sts.MinioSts;
import io.orgtrail.store.sts.MinioUsers;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants on a real MinIO: the access service asks MinIO's STS for credentials carrying the generated session policy,
 * and MinIO itself refuses everything outside the granted prefix.
 */
class MinioGrantTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();
  private static final TrailBucket BUCKET = new TrailBucket("org-trail-logs", "", TestPki.ORG_ID);
  private static final String READER = "orgtrail-reader";
  private static final String READER_SECRET = "orgtrail-reader-secret-0123";

  @TempDir static Path dir;
  static MinioStore rootStore;
  static AccessServer server;
  static AccessClient alice;
  static AccessClient platform;

  @BeforeAll
  static void minioWithTwoAccountsAndAnAccessService() throws Exception {
    MinioServer s3 = minio.server();
    rootStore = MinioStore.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
        .bucket(BUCKET.bucket()).build().open();
    TestObjects.write(rootStore);
    // The user grants are issued for: it can only ever read the trail, whatever a session policy says.
    new MinioUsers(s3.endpoint(), s3.accessKey(), s3.secretKey())
        .ensureUser(READER, READER_SECRET, "orgtrail-read-trail", ReadPolicies.platform(BUCKET).toJson());
    MinioSts sts = MinioSts.builder().endpoint(s3.endpoint()).credentials(READER, READER_SECRET)
        .region("us-east-1").build();

    TestPki pki = TestPki.create(dir);
    server = AccessServer.builder()
        .listen("127.0.0.1", 0)
        .tls(pki.server())
        .store(rootStore)
        .trailBucket(BUCKET)
        .credentialIssuer(sts::assumeRole)
        .s3(s3.endpoint(), "us-east-1")
        .build()
        .start();
    alice = AccessClient.builder().target("localhost:" + server.port())
        .identity(pki.client(ALICE_ACCOUNT, "member-admin", "alice")).build();
    platform = AccessClient.builder().target("localhost:" + server.port())
        .identity(pki.client(PLATFORM_ACCOUNT, "platform", "ops")).build();
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    platform.close();
    server.close();
    rootStore.close();
  }

  @Test
  void aMemberAdminsCredentialsReadItsPrefixAndMinioRefusesEverythingElse() throws Exception {
    Instant before = Instant.now();
    ReadAccessGrant grant = alice.grantReadAccess(ALICE_ACCOUNT, Duration.ofMinutes(15));

    assertThat(grant.getAccessCase()).isEqualTo(ReadAccessGrant.AccessCase.S3);
    S3Credentials s3 = grant.getS3();
    assertThat(s3.getEndpoint()).isEqualTo(minio.server().endpoint());
    assertThat(s3.getAccessKeyId()).isNotEqualTo(READER);
    assertThat(s3.getSessionToken()).isNotEmpty();
    assertThat(Instant.ofEpochMilli(grant.getExpirationEpochMillis()))
        .isBetween(before.plus(Duration.ofMinutes(14)), before.plus(Duration.ofMinutes(16)));

    try (ObjectStore logs = GrantedStore.open(grant, alice)) {
      assertThat(logs.list(ALICE_PREFIX)).extracting(ObjectInfo::key).containsExactlyElementsOf(TestObjects.aliceKeys());
      assertThat(logs.get(ALICE_LOG).orElseThrow().content()).isEqualTo(TestObjects.content(ALICE_LOG));
      assertThat(logs.get(TestObjects.ALICE_BIG_LOG).orElseThrow().content()).isEqualTo(BIG_CONTENT);

      assertMinioDenies(() -> logs.get(BOB_LOG));
      assertMinioDenies(() -> logs.get(TestObjects.NEIGHBOUR_LOG));
      assertMinioDenies(() -> logs.list(""));
      assertMinioDenies(() -> logs.list(BOB_PREFIX));
      assertMinioDenies(() -> logs.list(ORG_PREFIX));
      assertMinioDenies(() -> logs.list(ORG_PREFIX + "11112222333"));
      assertThatThrownBy(() -> logs.put(new PutObject(ALICE_PREFIX + "planted.json", new byte[] {1},
          "application/json", null, Map.of())))
          .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
    }

    // Not just our read-only store: MinIO refuses writes and deletes with these credentials, even in the prefix.
    MinioClient raw = MinioClient.builder().endpoint(s3.getEndpoint()).region(s3.getRegion())
        .credentialsProvider(new StaticProvider(s3.getAccessKeyId(), s3.getSecretAccessKey(), s3.getSessionToken()))
        .build();
    assertThatThrownBy(() -> raw.putObject(PutObjectArgs.builder().bucket(BUCKET.bucket())
        .object(ALICE_PREFIX + "planted.json").stream(new ByteArrayInputStream(new byte[] {1}), 1, -1).build()))
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> raw.removeObject(RemoveObjectArgs.builder().bucket(BUCKET.bucket()).object(ALICE_LOG)
        .build()))
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
    assertThat(rootStore.get(ALICE_LOG)).isPresent();
  }

  private static void assertMinioDenies(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
  }

  @Test
  void anotherAccountsCredentialsAreRefusedByTheServiceBeforeMinioIsAsked() {
    assertThatThrownBy(() -> alice.grantReadAccess(TestObjects.BOB_ACCOUNT, Duration.ofMinutes(15)))
        .isInstanceOfSatisfying(AccessException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
        .hasMessage("arn:aws:iam::111122223333:role/member-admin (alice) may read only account 111122223333's logs;"
            + " it asked for 222233334444");
  }

  @Test
  void thePlatformsCredentialsReadEveryAccount() throws Exception {
    ReadAccessGrant grant = platform.grantReadAccess("", Duration.ofMinutes(15));

    try (ObjectStore logs = GrantedStore.open(grant, platform)) {
      assertThat(logs.list("")).extracting(ObjectInfo::key).contains(ALICE_LOG, BOB_LOG, TestObjects.NEIGHBOUR_LOG);
      assertThat(logs.get(BOB_LOG).orElseThrow().content()).isEqualTo(TestObjects.content(BOB_LOG));
    }
  }

  @Test
  void listingAndReadingThroughTheServiceWorkOnMinioUnderTheSamePolicy() throws Exception {
    assertThat(alice.list(ALICE_PREFIX)).extracting(ObjectInfo::key).containsExactlyElementsOf(TestObjects.aliceKeys());
    assertThat(alice.get(ALICE_LOG).orElseThrow().content()).isEqualTo(TestObjects.content(ALICE_LOG));
    assertThat(alice.get(ALICE_PREFIX + "missing.json.gz")).isEmpty();
    assertThatThrownBy(() -> alice.get(BOB_LOG))
        .isInstanceOfSatisfying(AccessException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }
}
