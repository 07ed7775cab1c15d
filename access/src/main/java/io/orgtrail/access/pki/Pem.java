package io.orgtrail.access.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text for certificates ({@code CERTIFICATE}) and private keys (PKCS#8, {@code PRIVATE KEY}). */
public final class Pem {
  private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
      X9ObjectIdentifiers.id_ecPublicKey, "EC",
      PKCSObjectIdentifiers.rsaEncryption, "RSA",
      EdECObjectIdentifiers.id_Ed25519, "Ed25519");

  private Pem() {}

  /** {@code -----BEGIN CERTIFICATE-----} ... */
  public static String certificate(X509Certificate certificate) {
    try {
      return encode("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode certificate " + certificate.getSubjectX500Principal()
          + ": " + e.getMessage(), e);
    }
  }

  /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8, unencrypted) ... */
  public static String privateKey(PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("cannot write a " + key.getAlgorithm() + " key in format " + key.getFormat()
          + " as PKCS#8 PEM");
    }
    return encode("PRIVATE KEY", key.getEncoded());
  }

  /** The first certificate in a PEM file. */
  public static X509Certificate readCertificate(Path file) throws IOException {
    return readCertificates(file).get(0);
  }

  /**
   * Every certificate in a PEM file, in order.
   *
   * @throws IOException naming the file when it is missing, unreadable or holds no certificate
   */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    try (PEMParser parser = new PEMParser(reader(file))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          certificates.add(toCertificate(holder.getEncoded()));
        }
      }
    } catch (CertificateException | RuntimeException e) {
      throw new IOException(file + " is not a valid PEM certificate file: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(file + " holds no certificate (expected a -----BEGIN CERTIFICATE----- block)");
    }
    return certificates;
  }

  /**
   * The private key in a PEM file: PKCS#8 ({@code PRIVATE KEY}) or OpenSSL's traditional EC/RSA form; not encrypted.
   *
   * @throws IOException naming the file when it is missing, unreadable, encrypted or holds no key
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try (PEMParser parser = new PEMParser(reader(file))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PrivateKeyInfo info) {
          return toPrivateKey(info, file);
        }
        if (item instanceof PEMKeyPair pair) {
          return toPrivateKey(pair.getPrivateKeyInfo(), file);
        }
        if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
          throw new IOException(file + " holds an encrypted private key; orgtrail reads unencrypted PKCS#8 keys"
              + " (protect the file with owner-only permissions instead)");
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a valid PEM private key file: " + e.getMessage(), e);
    }
    throw new IOException(file + " holds no private key (expected a -----BEGIN PRIVATE KEY----- block)");
  }

  private static Reader reader(Path file) throws IOException {
    try {
      return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
  }

  private static X509Certificate toCertificate(byte[] der) throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
  }

  private static PrivateKey toPrivateKey(PrivateKeyInfo info, Path file) throws IOException {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm = KEY_ALGORITHMS.get(oid);
    if (algorithm == null) {
      throw new IOException(file + " holds a private key of an unsupported algorithm (OID " + oid
          + "); use an EC P-256 key as `orgtrail admin` issues them");
    }
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " holds an unusable " + algorithm + " private key: " + e.getMessage(), e);
    }
  }

  private static String encode(String type, byte[] der) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to a string cannot fail", e);
    }
    return text.toString();
  }
}
