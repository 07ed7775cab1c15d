package io.orgtrail.access.server;

import static io.orgtrail.access.testing.TestObjects.ALICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.AccessException;
import io.orgtrail.access.testing.LogCapture;
import io.orgtrail.access.testing.TestChannels;
import io.orgtrail.access.testing.TestObjects;
import io.orgtrail.access.testing.TestPki;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.proto.v1.AccessGrpc;
import io.orgtrail.proto.v1.WhoAmIRequest;
import io.orgtrail.store.LocalDirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who gets in: only a current client certificate from the organization's CA that names an orgtrail identity. */
class MutualTlsTest {
  @TempDir static Path dir;
  static TestPki pki;
  static AccessServer server;

  @BeforeAll
  static void server() throws Exception {
    pki = TestPki.create(dir);
    LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("store"), "org-trail-logs");
    TestObjects.write(store);
    server = AccessServer.builder()
        .listen("127.0.0.1", 0)
        .tls(pki.server())
        .store(store)
        .trailBucket(new TrailBucket("org-trail-logs", "", TestPki.ORG_ID))
        .build()
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static AccessClient client(Path identity) throws Exception {
    return AccessClient.builder().target("localhost:" + server.port()).identity(identity).build();
  }

  @Test
  void aCurrentCertificateFromTheOrganizationsCaGetsIn() throws Exception {
    try (AccessClient alice = client(pki.client(ALICE_ACCOUNT, "member-admin", "alice"))) {
      assertThat(alice.whoAmI().getPrincipalArn()).isEqualTo("arn:aws:iam::111122223333:role/member-admin");
    }
  }

  @Test
  void aClientCertificateFromAnotherCaIsRefusedAtTheHandshake() throws Exception {
    Path foreign = pki.foreignClient(ALICE_ACCOUNT, "platform", "mallory");
    // The client trusts our server; only the server's check of the client certificate can fail.
    Files.copy(pki.ca().certificateFile(), foreign.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);

    assertRefusedAtHandshake(foreign);
  }

  @Test
  void anExpiredClientCertificateIsRefusedAtTheHandshake() throws Exception {
    assertRefusedAtHandshake(pki.expiredClient(ALICE_ACCOUNT, "member-admin", "yesterday"));
  }

  @Test
  void aServerCertificateCannotBeUsedAsAClientCertificate() throws Exception {
    Path server = pki.server();
    Path asClient = dir.resolve("server-as-client");
    Files.createDirectories(asClient);
    Files.copy(server.resolve("server.pem"), asClient.resolve("client.pem"));
    Files.copy(server.resolve("server-key.pem"), asClient.resolve("client-key.pem"));
    Files.copy(server.resolve("ca.pem"), asClient.resolve("ca.pem"));

    assertRefusedAtHandshake(asClient);
  }

  private static void assertRefusedAtHandshake(Path identity) throws Exception {
    try (LogCapture log = LogCapture.of("io.orgtrail.access");
        AccessClient client = client(identity)) {
      assertThatThrownBy(client::whoAmI)
          .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE))
          .hasMessageContaining("the TLS handshake with the access service at localhost:" + server.port() + " failed")
          .hasMessageContaining("orgtrail admin issue-cert");
      assertThat(log.lines(Level.WARN)).as("no call got past TLS to the identity check").isEmpty();
    }
  }

  @Test
  void aCertificateWithoutTheIdentitySanIsUnauthenticatedWithAHowTo() throws Exception {
    Path noSan = pki.craftedClient("no-san", "CN=alice,OU=member-admin,O=111122223333", List.of());

    try (LogCapture log = LogCapture.of("io.orgtrail.access.identity");
        AccessClient client = client(noSan)) {
      assertThatThrownBy(() -> client.list(TestObjects.ALICE_PREFIX))
          .isInstanceOfSatisfying(AccessException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.UNAUTHENTICATED))
          .hasMessageContaining("carries no orgtrail identity")
          .hasMessageContaining("no subject alternative name URI of the form arn:aws:iam::<12-digit account>:role/")
          .hasMessageContaining("orgtrail admin issue-cert");
      assertThat(log.lines(Level.WARN)).anySatisfy(line -> assertThat(line)
          .contains("refused orgtrail.v1.Access/ListObjects", "carries no orgtrail identity"));
    }
  }

  @Test
  void aTlsClientWithoutACertificateIsRefused() throws Exception {
    assertCallFails(TestChannels.tlsWithoutClientCertificate(server.port(), pki.ca().certificateFile()));
  }

  @Test
  void aPlaintextClientIsRefused() throws Exception {
    assertCallFails(TestChannels.plaintext(server.port()));
  }

  private static void assertCallFails(ManagedChannel channel) throws Exception {
    try {
      assertThatThrownBy(() -> AccessGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .whoAmI(WhoAmIRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theClientRefusesAServerItsCaDidNotIssue() throws Exception {
    Path alice = pki.client(ALICE_ACCOUNT, "member-admin", "alice-elsewhere");
    Path otherCa = pki.foreignClient(ALICE_ACCOUNT, "member-admin", "other");
    Files.copy(otherCa.resolve("ca.pem"), alice.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);

    try (AccessClient client = client(alice)) {
      assertThatThrownBy(client::whoAmI)
          .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE))
          .hasMessageContaining("the TLS handshake with the access service at localhost:" + server.port() + " failed");
    }
  }

  @Test
  void theServerNeedsItsTlsFiles() {
    assertThatThrownBy(() -> AccessServer.builder()
        .store(new LocalDirectoryStore(dir.resolve("s2"), "org-trail-logs"))
        .trailBucket(new TrailBucket("org-trail-logs", "", TestPki.ORG_ID))
        .build())
        .hasMessageContaining("the access service needs TLS");
    assertThatThrownBy(() -> AccessServer.builder()
        .tls(dir.resolve("missing"))
        .store(new LocalDirectoryStore(dir.resolve("s3"), "org-trail-logs"))
        .trailBucket(new TrailBucket("org-trail-logs", "", TestPki.ORG_ID))
        .build())
        .hasMessageContaining(dir.resolve("missing/server.pem").toString());
  }
}
