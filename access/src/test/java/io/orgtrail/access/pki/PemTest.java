package io.orgtrail.access.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir Path dir;
  private final CertificateSigner signer = new CertificateSigner(new SecureRandom());

  @Test
  void privateKeysRoundTripAsPkcs8() throws Exception {
    KeyPair keys = signer.newKeyPair();
    Path file = dir.resolve("key.pem");
    Files.writeString(file, Pem.privateKey(keys.getPrivate()), StandardCharsets.US_ASCII);

    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    assertThat(Pem.readPrivateKey(file)).isEqualTo(keys.getPrivate());
  }

  @Test
  void readsOpenSslsTraditionalEcKeysToo() throws Exception {
    KeyPair keys = signer.newKeyPair();
    // What `openssl ecparam -genkey -name prime256v1` writes: RFC 5915 with the curve and the public key inside.
    SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    ECPrivateKey traditional = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS(),
        publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters());
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject("EC PRIVATE KEY", traditional.getEncoded()));
    }
    Path file = dir.resolve("ec.pem");
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);

    var read = (java.security.interfaces.ECPrivateKey) Pem.readPrivateKey(file);
    assertThat(read.getS()).isEqualTo(((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS());
    assertThat(KeyMatch.matches(keys.getPublic(), read)).isTrue();
  }

  @Test
  void encryptedKeysAreRefusedWithAReason() throws Exception {
    KeyPair keys = signer.newKeyPair();
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(),
          new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
              .setPassword("secret".toCharArray()).build()));
    }
    Path file = dir.resolve("encrypted.pem");
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Pem.readPrivateKey(file)).hasMessageContaining(file + " holds an encrypted private key");
  }

  @Test
  void readsEveryCertificateOfAChain() throws Exception {
    OrgCertificateAuthority ca = OrgCertificateAuthority.create(dir.resolve("ca"), "o-a1b2c3d4e5", Clock.systemUTC(),
        new SecureRandom());
    IssuedIdentity client = ca.issueClient("111122223333", "platform", "ops", Duration.ofDays(1), dir.resolve("c"));
    Path chain = dir.resolve("chain.pem");
    Files.writeString(chain, Pem.certificate(client.certificate()) + Pem.certificate(ca.certificate()));

    assertThat(Pem.readCertificates(chain)).containsExactly(client.certificate(), ca.certificate());
  }

  @Test
  void missingOrEmptyFilesAreNamed() throws Exception {
    assertThatThrownBy(() -> Pem.readCertificate(dir.resolve("none.pem")))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(dir.resolve("none.pem").toString());
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> Pem.readCertificate(empty)).hasMessageContaining(empty + " holds no certificate");
    assertThatThrownBy(() -> Pem.readPrivateKey(empty)).hasMessageContaining(empty + " holds no private key");
  }
}
