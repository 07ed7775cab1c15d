package io.orgtrail.access.testing;

import io.orgtrail.access.pki.OrgCertificateAuthority;
import io.orgtrail.access.pki.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An organization CA in a test directory, made 30 days ago (so certificates can be issued in the past, e.g. already
 * expired ones), and the identity directories tests connect with.
 */
public final class TestPki {
  public static final String ORG_ID = "o-a1b2c3d4e5";

  private final Path root;
  private final SecureRandom random = new SecureRandom();
  private final OrgCertificateAuthority ca;

  private TestPki(Path root, OrgCertificateAuthority ca) {
    this.root = root;
    this.ca = ca;
  }

  public static TestPki create(Path root) throws IOException {
    SecureRandom random = new SecureRandom();
    Clock monthAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC);
    OrgCertificateAuthority.create(root.resolve("ca"), ORG_ID, monthAgo, random);
    return new TestPki(root, OrgCertificateAuthority.load(root.resolve("ca"), Clock.systemUTC(), random));
  }

  public OrgCertificateAuthority ca() {
    return ca;
  }

  /** server.pem for localhost and 127.0.0.1. */
  public Path server() throws IOException {
    Path dir = root.resolve("server");
    ca.issueServer(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(30), dir);
    return dir;
  }

  public Path client(String accountId, String role, String name) throws IOException {
    Path dir = root.resolve("client-" + name);
    ca.issueClient(accountId, role, name, Duration.ofDays(30), dir);
    return dir;
  }

  /** Issued two days ago for one day: expired yesterday. */
  public Path expiredClient(String accountId, String role, String name) throws IOException {
    Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
    Path dir = root.resolve("expired-" + name);
    OrgCertificateAuthority.load(ca.directory(), twoDaysAgo, random)
        .issueClient(accountId, role, name, Duration.ofDays(1), dir);
    return dir;
  }

  /** A valid client certificate from another organization's CA, with a proper-looking identity. */
  public Path foreignClient(String accountId, String role, String name) throws IOException {
    OrgCertificateAuthority other =
        OrgCertificateAuthority.create(root.resolve("foreign-ca-" + name), "o-zzzzzzzzzz", Clock.systemUTC(), random);
    Path dir = root.resolve("foreign-" + name);
    other.issueClient(accountId, role, name, Duration.ofDays(30), dir);
    return dir;
  }

  /**
   * A clientAuth certificate signed by this organization's CA with the given subject (RFC 2253 order, as Java prints it) and SAN URIs (none: no SAN
   * extension at all), as a CA outside orgtrail's rules might issue it.
   */
  public Path craftedClient(String dirName, String subject, List<String> sanUris) throws Exception {
    Path dir = root.resolve(dirName);
    Files.createDirectories(dir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair keys = generator.generateKeyPair();
    PrivateKey caKey = Pem.readPrivateKey(ca.directory().resolve(OrgCertificateAuthority.CA_KEY));
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(),
        new BigInteger(64, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(Duration.ofDays(1))), new X500Name(RFC4519Style.INSTANCE, subject), keys.getPublic())
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    if (!sanUris.isEmpty()) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sanUris.stream()
          .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri)).toArray(GeneralName[]::new)));
    }
    X509Certificate certificate = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
    Files.writeString(dir.resolve("client.pem"), Pem.certificate(certificate), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("client-key.pem"), Pem.privateKey(keys.getPrivate()), StandardCharsets.US_ASCII);
    Files.copy(ca.certificateFile(), dir.resolve("ca.pem"));
    return dir;
  }
}
