package io.orgtrail.access.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.access.pki.IssuedIdentity;
import io.orgtrail.access.pki.Pem;
import io.orgtrail.access.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateIdentityTest {
  @TempDir static Path dir;
  static TestPki pki;

  @BeforeAll
  static void ca() throws Exception {
    pki = TestPki.create(dir);
  }

  @Test
  void readsTheCallerOutOfAnIssuedCertificate() throws Exception {
    IssuedIdentity issued = pki.ca().issueClient("999988887777", "platform", "ops-team", Duration.ofDays(7),
        dir.resolve("ops"));

    Caller caller = CertificateIdentity.of(issued.certificate());

    assertThat(caller).isEqualTo(new Caller("arn:aws:iam::999988887777:role/platform", "999988887777", Role.PLATFORM,
        "ops-team", issued.certificate().getSerialNumber().toString(16), issued.notAfter()));
    assertThat(caller.describe()).isEqualTo("arn:aws:iam::999988887777:role/platform (ops-team)");
  }

  @Test
  void aCertificateWithoutTheIdentitySanSaysWhatIsMissingAndHowToGetOne() throws Exception {
    Path noSan = pki.craftedClient("no-san", "CN=alice,OU=member-admin,O=111122223333", List.of());

    assertThatThrownBy(() -> CertificateIdentity.of(Pem.readCertificate(noSan.resolve("client.pem"))))
        .isInstanceOf(MissingIdentityException.class)
        .hasMessageContaining("subject 'CN=alice,OU=member-admin,O=111122223333'")
        .hasMessageContaining("carries no orgtrail identity")
        .hasMessageContaining("arn:aws:iam::<12-digit account>:role/<member-admin|platform>")
        .hasMessageContaining("orgtrail admin issue-cert");
  }

  @Test
  void otherUrisDoNotCount() throws Exception {
    Path web = pki.craftedClient("web", "CN=alice,OU=member-admin,O=111122223333",
        List.of("https://example.com/alice", "arn:aws:iam::111122223333:user/alice"));

    assertThatThrownBy(() -> CertificateIdentity.of(Pem.readCertificate(web.resolve("client.pem"))))
        .hasMessageContaining("carries no orgtrail identity");
  }

  @Test
  void anUnknownRoleIsRefused() throws Exception {
    Path root = pki.craftedClient("root-role", "CN=alice,OU=admin,O=111122223333",
        List.of("arn:aws:iam::111122223333:role/admin"));

    assertThatThrownBy(() -> CertificateIdentity.of(Pem.readCertificate(root.resolve("client.pem"))))
        .hasMessageContaining("role 'admin' is not an orgtrail role (member-admin or platform)");
  }

  @Test
  void aSubjectThatContradictsTheSanIsRefused() throws Exception {
    Path mixed = pki.craftedClient("mixed", "CN=alice,OU=member-admin,O=222233334444",
        List.of("arn:aws:iam::111122223333:role/member-admin"));

    assertThatThrownBy(() -> CertificateIdentity.of(Pem.readCertificate(mixed.resolve("client.pem"))))
        .hasMessageContaining("is inconsistent: its SAN names arn:aws:iam::111122223333:role/member-admin but its"
            + " subject says account 222233334444 and role member-admin");
  }

  @Test
  void twoPrincipalsAreAmbiguous() throws Exception {
    Path two = pki.craftedClient("two", "CN=alice,OU=member-admin,O=111122223333", List.of(
        "arn:aws:iam::111122223333:role/member-admin", "arn:aws:iam::222233334444:role/member-admin"));

    assertThatThrownBy(() -> CertificateIdentity.of(Pem.readCertificate(two.resolve("client.pem"))))
        .hasMessageContaining("names several principals");
  }

  @Test
  void aSubjectWithoutCommonNameIsRefused() throws Exception {
    Path nameless = pki.craftedClient("nameless", "OU=member-admin,O=111122223333",
        List.of("arn:aws:iam::111122223333:role/member-admin"));

    assertThatThrownBy(() -> CertificateIdentity.of(Pem.readCertificate(nameless.resolve("client.pem"))))
        .hasMessageContaining("has no CN (common name: the holder's name)");
  }

  @Test
  void aServerCertificateIdentifiesNoCaller() throws Exception {
    Path server = pki.server();

    assertThatThrownBy(() -> CertificateIdentity.of(Pem.readCertificate(server.resolve("server.pem"))))
        .hasMessageContaining("is not a client certificate");
  }
}
