package io.orgtrail.access.server;

import static io.orgtrail.access.testing.TestObjects.ALICE_ACCOUNT;
import static io.orgtrail.access.testing.TestObjects.ALICE_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.AccessException;
import io.orgtrail.access.testing.TestPki;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.SessionPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import io.orgtrail.store.sts.TemporaryCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grants with a credential issuer, and what callers see when the store or the STS fails. */
class AccessServerFailuresTest {
  private static final TrailBucket BUCKET = new TrailBucket("org-trail-logs", "logs", TestPki.ORG_ID);
  private static final String UNREACHABLE = "minio http://127.0.0.1:9/org-trail-logs: connection refused; is MinIO"
      + " running?";

  @TempDir static Path dir;
  static TestPki pki;
  static Path alice;
  private AccessServer server;

  @BeforeAll
  static void pki() throws Exception {
    pki = TestPki.create(dir);
    alice = pki.client(ALICE_ACCOUNT, "member-admin", "alice");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private AccessClient start(ObjectStore store, CredentialIssuer issuer, Clock clock) throws Exception {
    startServer(store, issuer, clock);
    return client(alice);
  }

  private void startServer(ObjectStore store, CredentialIssuer issuer, Clock clock) throws Exception {
    server = AccessServer.builder()
        .listen("127.0.0.1", 0)
        .tls(pki.server())
        .store(store)
        .trailBucket(BUCKET)
        .credentialIssuer(issuer)
        .s3("http://minio.internal:9000", "eu-west-1")
        .clock(clock)
        .build()
        .start();
  }

  private AccessClient client(Path identity) throws Exception {
    return AccessClient.builder().target("localhost:" + server.port()).identity(identity).build();
  }

  /** What the issuer was asked. */
  record Issued(String policy, Duration duration) {}

  @Test
  void aGrantCarriesTheIssuersCredentialsForTheConfiguredEndpoint() throws Exception {
    Instant expiration = Instant.parse("2030-01-01T00:00:00Z");
    List<Issued> issued = new CopyOnWriteArrayList<>();
    CredentialIssuer issuer = (policy, duration) -> {
      issued.add(new Issued(policy, duration));
      return new TemporaryCredentials("ASIAEXAMPLE", "secret", "token", expiration);
    };

    try (AccessClient client = start(new LocalDirectoryStore(dir.resolve("a"), "org-trail-logs"), issuer,
        Clock.systemUTC())) {
      ReadAccessGrant grant = client.grantReadAccess(ALICE_ACCOUNT, Duration.ofMinutes(30));

      assertThat(grant.getAccessCase()).isEqualTo(ReadAccessGrant.AccessCase.S3);
      assertThat(grant.getS3().getEndpoint()).isEqualTo("http://minio.internal:9000");
      assertThat(grant.getS3().getRegion()).isEqualTo("eu-west-1");
      assertThat(grant.getS3().getAccessKeyId()).isEqualTo("ASIAEXAMPLE");
      assertThat(grant.getS3().getSecretAccessKey()).isEqualTo("secret");
      assertThat(grant.getS3().getSessionToken()).isEqualTo("token");
      assertThat(grant.getExpirationEpochMillis()).isEqualTo(expiration.toEpochMilli());
      assertThat(grant.getReadablePrefix()).isEqualTo("logs/AWSLogs/" + TestPki.ORG_ID + "/111122223333/");
      assertThat(grant.getKeyPrefix()).isEqualTo("logs");
      assertThat(issued).containsExactly(new Issued(
          SessionPolicies.render(ReadPolicies.account(BUCKET, ALICE_ACCOUNT)), Duration.ofMinutes(30)));
    }
  }

  @Test
  void aGrantNeverOutlivesTheCertificateThatAskedForIt() throws Exception {
    Path shortLived = dir.resolve("short");
    Instant notAfter = pki.ca().issueClient(ALICE_ACCOUNT, "member-admin", "brief", Duration.ofMinutes(40), shortLived)
        .notAfter();
    List<Issued> issued = new CopyOnWriteArrayList<>();
    CredentialIssuer issuer = (policy, duration) -> {
      issued.add(new Issued(policy, duration));
      return new TemporaryCredentials("ASIA", "s", "t", Instant.now().plus(duration));
    };
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    startServer(new LocalDirectoryStore(dir.resolve("b"), "org-trail-logs"), issuer, Clock.fixed(now, ZoneOffset.UTC));

    try (AccessClient brief = client(shortLived)) {
      brief.grantReadAccess(ALICE_ACCOUNT, Duration.ofHours(1));
      assertThat(issued).extracting(Issued::duration).containsExactly(Duration.between(now, notAfter));
    }
  }

  @Test
  void aCertificateAboutToExpireGetsNoGrant() throws Exception {
    Path expiring = dir.resolve("expiring");
    pki.ca().issueClient(ALICE_ACCOUNT, "member-admin", "expiring", Duration.ofMinutes(10), expiring);
    startServer(new LocalDirectoryStore(dir.resolve("c"), "org-trail-logs"), (p, d) -> {
      throw new AssertionError("no credentials may be issued");
    }, Clock.systemUTC());

    try (AccessClient client = client(expiring)) {
      assertThatThrownBy(() -> client.grantReadAccess(ALICE_ACCOUNT, null))
          .isInstanceOfSatisfying(AccessException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.FAILED_PRECONDITION))
          .hasMessageContaining("in less than 15 minutes").hasMessageContaining("orgtrail admin issue-cert");
    }
  }

  @Test
  void aCertificateExpiredByTheServersClockIsUnauthenticated() throws Exception {
    Clock twoMonthsLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(60));

    try (AccessClient client = start(new LocalDirectoryStore(dir.resolve("g"), "org-trail-logs"), null,
        twoMonthsLater)) {
      assertThatThrownBy(client::whoAmI)
          .isInstanceOfSatisfying(AccessException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.UNAUTHENTICATED))
          .hasMessageContaining("arn:aws:iam::111122223333:role/member-admin (alice)")
          .hasMessageContaining("expired at");
    }
  }

  @Test
  void storeAndStsFailuresAreUnavailableWithTheirOwnWords() throws Exception {
    CredentialIssuer refusing = (policy, duration) -> {
      throw new StoreException("MinIO STS at http://minio.internal:9000 refused AssumeRole for access key"
          + " orgtrail-reader: HTTP 403 InvalidClientTokenId");
    };

    try (AccessClient client = start(new UnreachableStore(), refusing, Clock.systemUTC())) {
      assertThatThrownBy(() -> client.grantReadAccess(ALICE_ACCOUNT, null))
          .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE))
          .hasMessage("MinIO STS at http://minio.internal:9000 refused AssumeRole for access key orgtrail-reader:"
              + " HTTP 403 InvalidClientTokenId");
      assertThatThrownBy(() -> client.list("logs/AWSLogs/" + TestPki.ORG_ID + "/111122223333/"))
          .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE))
          .hasMessage(UNREACHABLE);
      assertThatThrownBy(() -> client.get("logs/AWSLogs/" + TestPki.ORG_ID + "/111122223333/x.json.gz"))
          .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE))
          .hasMessage(UNREACHABLE);
    }
  }

  @Test
  void theKeyPrefixIsPartOfWhatAMemberMayRead() throws Exception {
    try (AccessClient client = start(new LocalDirectoryStore(dir.resolve("d"), "org-trail-logs"), null,
        Clock.systemUTC())) {
      assertThat(client.list("logs/AWSLogs/" + TestPki.ORG_ID + "/111122223333/")).isEmpty();
      assertThatThrownBy(() -> client.list(ALICE_PREFIX))
          .isInstanceOfSatisfying(AccessException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
          .hasMessageContaining("(keys under logs/AWSLogs/" + TestPki.ORG_ID + "/111122223333/)");
    }
  }

  @Test
  void misconfigurationsAreRefusedWhenBuilding() throws Exception {
    Path serverDir = pki.server();
    assertThatThrownBy(() -> AccessServer.builder().tls(serverDir)
        .store(new LocalDirectoryStore(dir.resolve("e"), "another-bucket")).trailBucket(BUCKET).build())
        .hasMessageContaining("the store's bucket 'another-bucket' is not the trail bucket 'org-trail-logs'");
    assertThatThrownBy(() -> AccessServer.builder().tls(serverDir)
        .store(new LocalDirectoryStore(dir.resolve("f"), "org-trail-logs")).trailBucket(BUCKET)
        .credentialIssuer((p, d) -> null).build())
        .hasMessageContaining("call s3(endpoint, region)");
  }

  /** A store whose server is down. */
  private static final class UnreachableStore implements ObjectStore {
    @Override
    public void put(PutObject object) throws StoreException {
      throw new StoreException(UNREACHABLE);
    }

    @Override
    public Optional<StoredObject> get(String key) throws StoreException {
      throw new StoreException(UNREACHABLE);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws StoreException {
      throw new StoreException(UNREACHABLE);
    }

    @Override
    public String bucket() {
      return "org-trail-logs";
    }

    @Override
    public String describe() {
      return "unreachable test store";
    }

    @Override
    public void close() {}
  }
}
