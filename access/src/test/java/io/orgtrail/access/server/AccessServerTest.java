package io.orgtrail.access.server;

import static io.orgtrail.access.testing.TestObjects.ALICE_ACCOUNT;
import static io.orgtrail.access.testing.TestObjects.ALICE_BIG_LOG;
import static io.orgtrail.access.testing.TestObjects.ALICE_DIGEST;
import static io.orgtrail.access.testing.TestObjects.ALICE_LOG;
import static io.orgtrail.access.testing.TestObjects.ALICE_PREFIX;
import static io.orgtrail.access.testing.TestObjects.BIG_CONTENT;
import static io.orgtrail.access.testing.TestObjects.BOB_ACCOUNT;
import static io.orgtrail.access.testing.TestObjects.BOB_LOG;
import static io.orgtrail.access.testing.TestObjects.BOB_PREFIX;
import static io.orgtrail.access.testing.TestObjects.NEIGHBOUR_LOG;
import static io.orgtrail.access.testing.TestObjects.ORG_PREFIX;
import static io.orgtrail.access.testing.TestObjects.PLATFORM_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.AccessException;
import io.orgtrail.access.client.GrantedStore;
import io.orgtrail.access.pki.Pem;
import io.orgtrail.access.testing.LogCapture;
import io.orgtrail.access.testing.TestChannels;
import io.orgtrail.access.testing.TestObjects;
import io.orgtrail.access.testing.TestPki;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.SessionPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.proto.v1.AccessGrpc;
import io.orgtrail.proto.v1.CallerIdentity;
import io.orgtrail.proto.v1.GetObjectRequest;
import io.orgtrail.proto.v1.ListObjectsResponse;
import io.orgtrail.proto.v1.ObjectChunk;
import io.orgtrail.proto.v1.ObjectSummary;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The access service on the embedded directory store, over real mutual TLS on loopback. */
class AccessServerTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final TrailBucket BUCKET = new TrailBucket("org-trail-logs", "", TestPki.ORG_ID);
  private static final TrailName TRAIL = new TrailName("org-trail", "us-east-1", "999988887777");
  private static final String PUBLIC_KEYS = "{\"PublicKeyList\":[{\"Fingerprint\":\"abc\"}]}";

  @TempDir static Path dir;
  static TestPki pki;
  static AccessServer server;
  static AccessClient alice;
  static AccessClient platform;
  static Path aliceDir;

  @BeforeAll
  static void serverWithTwoAccountsLogs() throws Exception {
    pki = TestPki.create(dir);
    LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("store"), BUCKET.bucket());
    TestObjects.write(store);
    server = AccessServer.builder()
        .listen("127.0.0.1", 0)
        .tls(pki.server())
        .store(store)
        .trailBucket(BUCKET)
        .trail(TRAIL)
        .publicKeys(() -> PUBLIC_KEYS)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build()
        .start();
    aliceDir = pki.client(ALICE_ACCOUNT, "member-admin", "alice");
    alice = client(aliceDir);
    platform = client(pki.client(PLATFORM_ACCOUNT, "platform", "ops"));
  }

  @AfterAll
  static void stop() {
    alice.close();
    platform.close();
    server.close();
  }

  static AccessClient client(Path identity) throws Exception {
    return AccessClient.builder().target("localhost:" + server.port()).identity(identity).build();
  }

  @Test
  void whoAmIShowsTheIdentityInTheCertificate() throws Exception {
    var certificate = Pem.readCertificate(aliceDir.resolve("client.pem"));

    CallerIdentity me = alice.whoAmI();

    assertThat(me.getPrincipalArn()).isEqualTo("arn:aws:iam::111122223333:role/member-admin");
    assertThat(me.getAccountId()).isEqualTo(ALICE_ACCOUNT);
    assertThat(me.getRole()).isEqualTo("member-admin");
    assertThat(me.getName()).isEqualTo("alice");
    assertThat(me.getCertificateSerial()).isEqualTo(certificate.getSerialNumber().toString(16));
    assertThat(me.getCertificateExpirationEpochMillis()).isEqualTo(certificate.getNotAfter().getTime());
  }

  @Test
  void aMemberAdminListsAndReadsItsOwnAccount() throws Exception {
    List<ObjectInfo> listed = alice.list(ALICE_PREFIX);

    assertThat(listed).extracting(ObjectInfo::key).containsExactly(ALICE_DIGEST, ALICE_LOG, ALICE_BIG_LOG);
    assertThat(listed).extracting(ObjectInfo::size).containsExactly(
        (long) TestObjects.content(ALICE_DIGEST).length, (long) TestObjects.content(ALICE_LOG).length,
        (long) BIG_CONTENT.length);
    assertThat(alice.list(ALICE_PREFIX + "CloudTrail/us-east-1/")).extracting(ObjectInfo::key)
        .containsExactly(ALICE_LOG);

    var digest = alice.get(ALICE_DIGEST).orElseThrow();
    assertThat(digest.content()).isEqualTo(TestObjects.content(ALICE_DIGEST));
    assertThat(digest.userMetadata()).isEqualTo(Map.of("signature", "abcdef", "signing-algorithm", "SHA256withRSA"));
    assertThat(alice.get(ALICE_BIG_LOG).orElseThrow().content()).isEqualTo(BIG_CONTENT);
  }

  @Test
  void bigObjectsStreamInChunksOfOneMebibyte() throws Exception {
    ManagedChannel channel = TestChannels.mutualTls(server.port(), aliceDir);
    try {
      List<ObjectChunk> chunks = new ArrayList<>();
      AccessGrpc.newBlockingStub(channel).getObject(GetObjectRequest.newBuilder().setKey(ALICE_BIG_LOG).build())
          .forEachRemaining(chunks::add);

      assertThat(chunks).extracting(c -> c.getData().size()).containsExactly(1 << 20, 1 << 20, 512 * 1024);
      assertThat(chunks.get(0).getSize()).isEqualTo(BIG_CONTENT.length);
      assertThat(chunks.get(1).getSize()).isZero();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void listingsComeInPages() throws Exception {
    ListObjectsResponse first = alice.listPage(ALICE_PREFIX, "", 2);
    assertThat(first.getObjectsList()).extracting(ObjectSummary::getKey).containsExactly(ALICE_DIGEST, ALICE_LOG);
    assertThat(first.getTruncated()).isTrue();

    ListObjectsResponse second = alice.listPage(ALICE_PREFIX, ALICE_LOG, 2);
    assertThat(second.getObjectsList()).extracting(ObjectSummary::getKey).containsExactly(ALICE_BIG_LOG);
    assertThat(second.getTruncated()).isFalse();

    assertThat(alice.listPage(ALICE_PREFIX, "", 1_000_000).getObjectsCount()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "AWSLogs/", ORG_PREFIX, BOB_PREFIX, ORG_PREFIX + "11112222333",
      ORG_PREFIX + "222233334444/CloudTrail/"})
  void aMemberAdminCannotListOutsideItsAccount(String prefix) {
    assertThatThrownBy(() -> alice.list(prefix))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
        .hasMessage("arn:aws:iam::111122223333:role/member-admin (alice) may read only account 111122223333's logs"
            + " (keys under " + ALICE_PREFIX + "); it asked "
            + (prefix.isEmpty() ? "to list the whole bucket (prefix '')" : "to list prefix '" + prefix + "'"));
  }

  @Test
  void aMemberAdminCannotReadAnotherAccountsObjectsEvenMissingOnes() {
    for (String key : List.of(BOB_LOG, NEIGHBOUR_LOG, BOB_PREFIX + "no-such-file.json.gz", "top-level.json")) {
      assertThatThrownBy(() -> alice.get(key))
          .as(key)
          .isInstanceOfSatisfying(AccessException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
          .hasMessage("arn:aws:iam::111122223333:role/member-admin (alice) may read only account 111122223333's logs"
              + " (keys under " + ALICE_PREFIX + "); it asked to read " + key);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ALICE_PREFIX, ALICE_PREFIX + "../222233334444/x.json.gz", ALICE_PREFIX + "./x",
      ALICE_PREFIX + "x\u0000y", ALICE_PREFIX + "x\ny", "/" + ALICE_LOG, ALICE_PREFIX + "CloudTrail//x",
      ALICE_PREFIX + "a\\b", ALICE_PREFIX + ".orgtrail-meta/x.json"})
  void malformedKeysAreInvalidArguments(String key) {
    assertThatThrownBy(() -> alice.get(key))
        .isInstanceOfSatisfying(AccessException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void malformedPrefixesAndOverlongKeysAreInvalidArguments() {
    String overlong = ALICE_PREFIX + "x".repeat(1025 - ALICE_PREFIX.length());
    assertThatThrownBy(() -> alice.get(overlong))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("is 1025 bytes long, over S3's limit of 1024 bytes");
    assertThatThrownBy(() -> alice.get(ALICE_PREFIX + "y".repeat(256)))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("has a segment longer than 255 bytes");
    assertThatThrownBy(() -> alice.list(ALICE_PREFIX + "../" + BOB_ACCOUNT + "/"))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("has a '..' segment");
    assertThatThrownBy(() -> alice.list(ALICE_PREFIX + ".."))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> alice.list(ALICE_PREFIX + "\u0000"))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("contains a NUL character at index " + ALICE_PREFIX.length());
  }

  @Test
  void aMissingObjectIsNotFound() throws Exception {
    assertThat(alice.get(ALICE_PREFIX + "CloudTrail/nothing.json.gz")).isEmpty();

    ManagedChannel channel = TestChannels.mutualTls(server.port(), aliceDir);
    try {
      assertThatThrownBy(() -> AccessGrpc.newBlockingStub(channel)
          .getObject(GetObjectRequest.newBuilder().setKey(ALICE_PREFIX + "nothing.json.gz").build()).hasNext())
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).isEqualTo("no object " + ALICE_PREFIX
                + "nothing.json.gz in bucket org-trail-logs; list the prefix to see which keys exist");
          });
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMemberAdminGetsReadAccessToItsOwnAccountAndItIsLogged() throws Exception {
    ReadAccessGrant grant;
    try (LogCapture log = LogCapture.of("io.orgtrail.access.server")) {
      grant = alice.grantReadAccess(ALICE_ACCOUNT, null);

      assertThat(log.lines(Level.INFO)).anySatisfy(line -> assertThat(line)
          .contains("account 111122223333", "arn:aws:iam::111122223333:role/member-admin",
              alice.whoAmI().getCertificateSerial(), NOW.plus(Duration.ofHours(1)).toString()));
    }

    assertThat(grant.getAccessCase()).isEqualTo(ReadAccessGrant.AccessCase.EMBEDDED);
    assertThat(grant.getCaller()).isEqualTo(alice.whoAmI());
    assertThat(grant.getAccountId()).isEqualTo(ALICE_ACCOUNT);
    assertThat(grant.getBucket()).isEqualTo("org-trail-logs");
    assertThat(grant.getReadablePrefix()).isEqualTo(ALICE_PREFIX);
    assertThat(grant.getSessionPolicy()).isEqualTo(SessionPolicies.render(ReadPolicies.account(BUCKET, ALICE_ACCOUNT)));
    assertThat(PolicyDocument.parse(grant.getSessionPolicy()).statements()).isNotEmpty();
    assertThat(grant.getExpirationEpochMillis()).isEqualTo(NOW.plus(Duration.ofHours(1)).toEpochMilli());
    assertThat(grant.getTrailArn()).isEqualTo("arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail");
    assertThat(grant.getOrgId()).isEqualTo(TestPki.ORG_ID);
    assertThat(grant.getKeyPrefix()).isEmpty();
    assertThat(grant.getPublicKeysJson()).isEqualTo(PUBLIC_KEYS);

    ReadAccessGrant shorter = alice.grantReadAccess(ALICE_ACCOUNT, Duration.ofMinutes(20));
    assertThat(shorter.getExpirationEpochMillis()).isEqualTo(NOW.plus(Duration.ofMinutes(20)).toEpochMilli());
  }

  @Test
  void aMemberAdminAskingForAnotherAccountIsRefusedAndLogged() throws Exception {
    String serial = alice.whoAmI().getCertificateSerial();
    try (LogCapture log = LogCapture.of("io.orgtrail.access.server")) {
      assertThatThrownBy(() -> alice.grantReadAccess(BOB_ACCOUNT, Duration.ofHours(1)))
          .isInstanceOfSatisfying(AccessException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
          .hasMessage("arn:aws:iam::111122223333:role/member-admin (alice) may read only account 111122223333's"
              + " logs; it asked for 222233334444");

      assertThat(log.lines(Level.WARN)).anySatisfy(line -> assertThat(line)
          .contains("arn:aws:iam::111122223333:role/member-admin", serial, "222233334444"));
      assertThat(log.lines(Level.INFO)).noneSatisfy(line -> assertThat(line).contains("granted"));
    }
    assertThatThrownBy(() -> alice.grantReadAccess("", Duration.ofHours(1)))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
        .hasMessageEndingWith("it asked for every account's logs (only the platform role may)");
  }

  @Test
  void grantRequestsAreChecked() {
    assertThatThrownBy(() -> alice.grantReadAccess("12345", null))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("account id '12345' is not valid");
    assertThatThrownBy(() -> alice.grantReadAccess(ALICE_ACCOUNT, Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("duration_seconds 60 is out of range: ask for 900 s (15 minutes) to 43200 s (12 hours)");
    assertThatThrownBy(() -> alice.grantReadAccess(ALICE_ACCOUNT, Duration.ofHours(13)))
        .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void thePlatformRoleReadsEverything() throws Exception {
    assertThat(platform.list("")).extracting(ObjectInfo::key)
        .containsExactly(ALICE_DIGEST, ALICE_LOG, ALICE_BIG_LOG, TestObjects.NEIGHBOUR_LOG, BOB_LOG);
    assertThat(platform.get(BOB_LOG).orElseThrow().content()).isEqualTo(TestObjects.content(BOB_LOG));
    assertThat(platform.get(ALICE_LOG).orElseThrow().content()).isEqualTo(TestObjects.content(ALICE_LOG));

    ReadAccessGrant all = platform.grantReadAccess("", null);
    assertThat(all.getAccountId()).isEmpty();
    assertThat(all.getReadablePrefix()).isEmpty();
    assertThat(all.getSessionPolicy()).isEqualTo(SessionPolicies.render(ReadPolicies.platform(BUCKET)));

    ReadAccessGrant bob = platform.grantReadAccess(BOB_ACCOUNT, null);
    assertThat(bob.getReadablePrefix()).isEqualTo(BOB_PREFIX);
    assertThat(bob.getSessionPolicy()).isEqualTo(SessionPolicies.render(ReadPolicies.account(BUCKET, BOB_ACCOUNT)));
  }

  @Test
  void anEmbeddedGrantOpensAReadOnlyStoreThatTheServiceStillPolices() throws Exception {
    ReadAccessGrant grant = alice.grantReadAccess(ALICE_ACCOUNT, null);

    try (ObjectStore logs = GrantedStore.open(grant, alice)) {
      assertThat(logs.bucket()).isEqualTo("org-trail-logs");
      assertThat(logs.list(grant.getReadablePrefix())).extracting(ObjectInfo::key)
          .containsExactly(ALICE_DIGEST, ALICE_LOG, ALICE_BIG_LOG);
      assertThat(logs.get(ALICE_LOG).orElseThrow().content()).isEqualTo(TestObjects.content(ALICE_LOG));
      assertThat(logs.get(ALICE_PREFIX + "missing.json.gz")).isEmpty();

      assertThatThrownBy(() -> logs.put(new PutObject(ALICE_PREFIX + "x.json", "{}".getBytes(StandardCharsets.UTF_8),
          "application/json", null, Map.of())))
          .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
      assertThatThrownBy(() -> logs.get(BOB_LOG))
          .isInstanceOf(StoreException.class).hasMessageContaining("may read only account 111122223333's logs");
      assertThatThrownBy(() -> logs.list(BOB_PREFIX))
          .isInstanceOf(StoreException.class).hasMessageContaining("may read only account 111122223333's logs");
    }
    assertThat(alice.whoAmI().getName()).as("closing the store leaves the client open").isEqualTo("alice");
  }
}
