package io.orgtrail.access.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes EC P-256 keys and SHA256withECDSA certificates with BouncyCastle's builders on the JDK's own providers
 * (no provider is registered globally). Serial numbers are 128 random bits from the injected {@link SecureRandom}.
 */
final class CertificateSigner {
  static final String CURVE = "secp256r1";
  static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private final SecureRandom random;

  CertificateSigner(SecureRandom random) {
    this.random = random;
  }

  KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make EC P-256 keys: " + e.getMessage(), e);
    }
  }

  /** A self-signed CA certificate: may sign certificates, not other CAs. */
  X509Certificate selfSignedCa(X500Name subject, KeyPair keys, Instant notBefore, Instant notAfter) {
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
              subject, serial(), Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false,
              extensions.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(builder, keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("could not build the CA certificate for " + subject + ": " + e.getMessage(), e);
    }
  }

  /** An end-entity certificate for {@code purpose} (clientAuth or serverAuth) signed by the CA. */
  X509Certificate endEntity(X509Certificate ca, PrivateKey caKey, X500Name subject, PublicKey publicKey,
      KeyPurposeId purpose, GeneralNames alternativeNames, Instant notBefore, Instant notAfter) {
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
              ca, serial(), Date.from(notBefore), Date.from(notAfter), subject, publicKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.subjectAlternativeName, false, alternativeNames)
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
      X509Certificate certificate = sign(builder, caKey);
      certificate.verify(ca.getPublicKey());
      return certificate;
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("could not issue a certificate for " + subject + ": " + e.getMessage(), e);
    }
  }

  private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with " + SIGNATURE_ALGORITHM + ": " + e.getMessage(), e);
    }
  }

  /** Positive, non-zero, at most 16 bytes of entropy (RFC 5280 allows up to 20 octets). */
  private BigInteger serial() {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      random.nextBytes(bytes);
      serial = new BigInteger(1, bytes);
    } while (serial.signum() == 0);
    return serial;
  }
}
