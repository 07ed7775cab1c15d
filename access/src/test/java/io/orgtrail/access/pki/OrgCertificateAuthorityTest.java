package io.orgtrail.access.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.access.identity.CertificateIdentity;
import io.orgtrail.access.identity.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgCertificateAuthorityTest {
  private static final String ORG = "o-a1b2c3d4e5";
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void createsASelfSignedEcCaOwnerOnlyAndLoadsItBack() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir.resolve("ca"), ORG, clock, new SecureRandom());

    X509Certificate cert = ca.certificate();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=orgtrail CA " + ORG + ",OU=orgtrail,O=" + ORG);
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    cert.verify(cert.getPublicKey());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(cert.getBasicConstraints()).isEqualTo(0);
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));

    assertOwnerOnly(dir.resolve("ca/ca.pem"));
    assertOwnerOnly(dir.resolve("ca/ca-key.pem"));
    assertThat(Files.readString(dir.resolve("ca/ca-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(dir.resolve("ca/ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca")))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dir.resolve("ca"))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temp files left").containsExactlyInAnyOrder(
          "ca.pem", "ca-key.pem");
    }

    OrgCertificateAuthority loaded = OrgCertificateAuthority.load(dir.resolve("ca"));
    assertThat(loaded.certificate()).isEqualTo(cert);
    assertThat(loaded.orgId()).isEqualTo(ORG);
  }

  @Test
  void refusesToReplaceAnExistingCa() throws Exception {
    OrgCertificateAuthority.create(dir, ORG, clock, new SecureRandom());
    byte[] before = Files.readAllBytes(dir.resolve("ca-key.pem"));

    assertThatThrownBy(() -> OrgCertificateAuthority.create(dir, ORG, clock, new SecureRandom()))
        .hasMessageContaining("a CA already exists in " + dir)
        .hasMessageContaining("invalidate every certificate issued so far");
    assertThat(Files.readAllBytes(dir.resolve("ca-key.pem"))).isEqualTo(before);
  }

  @Test
  void issuesAClientCertificateNamingAccountRoleAndPrincipal() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir.resolve("ca"), ORG, clock, new SecureRandom());

    IssuedIdentity alice = ca.issueClient("111122223333", "member-admin", "alice", Duration.ofDays(90),
        dir.resolve("alice"));

    X509Certificate cert = alice.certificate();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alice,OU=member-admin,O=111122223333");
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(List.of(6, "arn:aws:iam::111122223333:role/member-admin"));
    assertThat(cert.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth.getId());
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    cert.verify(ca.certificate().getPublicKey());

    assertThat(alice.certificateFile()).isEqualTo(dir.resolve("alice/client.pem"));
    assertThat(alice.privateKeyFile()).isEqualTo(dir.resolve("alice/client-key.pem"));
    assertThat(alice.caFile()).isEqualTo(dir.resolve("alice/ca.pem"));
    for (String file : List.of("client.pem", "client-key.pem", "ca.pem")) {
      assertOwnerOnly(dir.resolve("alice").resolve(file));
    }
    assertThat(Files.readString(alice.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Pem.readCertificate(alice.caFile())).isEqualTo(ca.certificate());
    assertThat(Pem.readCertificate(alice.certificateFile())).isEqualTo(cert);
    // The key on disk belongs to the certificate: TLS material loads (it checks with a signature).
    assertThat(TlsMaterial.fromDirectory(dir.resolve("alice"), "client").certificate()).isEqualTo(cert);

    var caller = CertificateIdentity.of(cert);
    assertThat(caller.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/member-admin");
    assertThat(caller.role()).isEqualTo(Role.MEMBER_ADMIN);
    assertThat(caller.serial()).isEqualTo(alice.serialHex());
  }

  @Test
  void serialNumbersAndKeysComeFromTheInjectedRandom() throws Exception {
    IssuedIdentity first = issueWithSeed(dir.resolve("one"), 42);
    IssuedIdentity second = issueWithSeed(dir.resolve("two"), 42);
    IssuedIdentity third = issueWithSeed(dir.resolve("three"), 43);

    assertThat(second.certificate().getSerialNumber()).isEqualTo(first.certificate().getSerialNumber());
    assertThat(second.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
    assertThat(third.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
    assertThat(first.certificate().getSerialNumber().signum()).isPositive();
    assertThat(first.certificate().getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
  }

  private IssuedIdentity issueWithSeed(Path where, long seed) throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(where.resolve("ca"), ORG, clock, random);
    return ca.issueClient("111122223333", "platform", "ops", Duration.ofDays(1), where.resolve("ops"));
  }

  @Test
  void issuesAServerCertificateForItsNamesAndAddresses() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir.resolve("ca"), ORG, clock, new SecureRandom());

    IssuedIdentity server = ca.issueServer(List.of("aggregator.internal", "localhost"), List.of("10.0.0.5", "::1"),
        Duration.ofDays(365), dir.resolve("server"));

    X509Certificate cert = server.certificate();
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=aggregator.internal,OU=orgtrail-access,O=" + ORG);
    assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
        List.of(2, "aggregator.internal"), List.of(2, "localhost"), List.of(7, "10.0.0.5"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(cert.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_serverAuth.getId());
    assertThat(server.certificateFile()).isEqualTo(dir.resolve("server/server.pem"));
    assertThat(server.privateKeyFile()).isEqualTo(dir.resolve("server/server-key.pem"));
    assertOwnerOnly(server.privateKeyFile());
    assertThat(server.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(365)));
  }

  @Test
  void reissuingReplacesTheFilesAtomically() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir.resolve("ca"), ORG, clock, new SecureRandom());
    IssuedIdentity first = ca.issueClient("111122223333", "member-admin", "alice", Duration.ofDays(1), dir.resolve("a"));
    IssuedIdentity second = ca.issueClient("111122223333", "member-admin", "alice", Duration.ofDays(2), dir.resolve("a"));

    assertThat(second.serialHex()).isNotEqualTo(first.serialHex());
    assertThat(TlsMaterial.fromDirectory(dir.resolve("a"), "client").certificate()).isEqualTo(second.certificate());
    try (Stream<Path> files = Files.list(dir.resolve("a"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("client.pem", "client-key.pem", "ca.pem");
    }
  }

  @Test
  void rejectsInvalidClientRequestsSayingWhatToUse() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir.resolve("ca"), ORG, clock, new SecureRandom());
    Path out = dir.resolve("out");

    assertThatThrownBy(() -> ca.issueClient("12345", "member-admin", "alice", Duration.ofDays(1), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account id '12345' is not valid").hasMessageContaining("12 digits");
    assertThatThrownBy(() -> ca.issueClient("11112222333a", "member-admin", "alice", Duration.ofDays(1), out))
        .hasMessageContaining("account id '11112222333a' is not valid");
    assertThatThrownBy(() -> ca.issueClient("111122223333", "admin", "alice", Duration.ofDays(1), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("role 'admin' is not valid").hasMessageContaining("member-admin or platform");
    for (String name : List.of("", "../evil", "alice,O=222233334444", "a b", "-dash", "x".repeat(65))) {
      assertThatThrownBy(() -> ca.issueClient("111122223333", "member-admin", name, Duration.ofDays(1), out))
          .as(name).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name '" + name + "' is not valid");
    }
    assertThatThrownBy(() -> ca.issueClient("111122223333", "member-admin", "alice", Duration.ZERO, out))
        .hasMessageContaining("validity must be positive");
    assertThatThrownBy(() -> ca.issueClient("111122223333", "member-admin", "alice", Duration.ofDays(4000), out))
        .hasMessageContaining("would outlive the organization CA").hasMessageContaining("ask for at most 3650 days");
    assertThat(out).doesNotExist();
  }

  @Test
  void rejectsInvalidServerNames() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir.resolve("ca"), ORG, clock, new SecureRandom());
    Path out = dir.resolve("out");

    assertThatThrownBy(() -> ca.issueServer(List.of(), List.of(), Duration.ofDays(1), out))
        .hasMessageContaining("at least one DNS name or IP address");
    for (String dns : List.of("bad_host", "*.example.com", "-a.example.com", "a..b", "")) {
      assertThatThrownBy(() -> ca.issueServer(List.of(dns), List.of(), Duration.ofDays(1), out))
          .as(dns).hasMessageContaining("DNS name '" + dns + "' is not valid");
    }
    for (String ip : List.of("999.1.1.1", "10.0.0", "example.com", "1.2.3.4.5")) {
      assertThatThrownBy(() -> ca.issueServer(List.of(), List.of(ip), Duration.ofDays(1), out))
          .as(ip).hasMessageContaining("IP address '" + ip + "' is not a valid IPv4 or IPv6 literal");
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesToIssueOutsideTheCasValidity() throws Exception {
    OrgCertificateAuthority.create(dir, ORG, Duration.ofDays(10), clock, new SecureRandom());
    Clock later = Clock.fixed(NOW.plus(Duration.ofDays(11)), ZoneOffset.UTC);
    OrgCertificateAuthority expired = OrgCertificateAuthority.load(dir, later, new SecureRandom());

    assertThatThrownBy(() -> expired.issueClient("111122223333", "platform", "ops", Duration.ofDays(1), dir.resolve("o")))
        .hasMessageContaining("is valid from").hasMessageContaining("not now");
  }

  @Test
  void loadingSaysWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> OrgCertificateAuthority.load(dir.resolve("nothing")))
        .hasMessageContaining("no CA in " + dir.resolve("nothing")).hasMessageContaining("ca.pem and ca-key.pem");

    OrgCertificateAuthority.create(dir.resolve("one"), ORG, clock, new SecureRandom());
    OrgCertificateAuthority.create(dir.resolve("two"), ORG, clock, new SecureRandom());
    Files.copy(dir.resolve("two/ca-key.pem"), dir.resolve("one/ca-key.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> OrgCertificateAuthority.load(dir.resolve("one")))
        .hasMessageContaining("does not belong to the CA certificate");

    Files.writeString(dir.resolve("two/ca-key.pem"), "not a key", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> OrgCertificateAuthority.load(dir.resolve("two")))
        .hasMessageContaining(dir.resolve("two/ca-key.pem") + " holds no private key");
  }

  private static void assertOwnerOnly(Path file) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
        .isEqualTo("rw-------");
  }
}
