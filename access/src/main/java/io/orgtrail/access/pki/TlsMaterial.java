package io.orgtrail.access.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * What one side of a mutual TLS connection needs, loaded from PEM files: its own certificate and key (presented to
 * the other side) and the CA certificate(s) the other side's certificate must chain to.
 */
public final class TlsMaterial {
  private static final char[] IN_MEMORY_PASSWORD = "orgtrail".toCharArray();

  private final X509Certificate certificate;
  private final KeyManager[] keyManagers;
  private final TrustManager[] trustManagers;

  private TlsMaterial(X509Certificate certificate, KeyManager[] keyManagers, TrustManager[] trustManagers) {
    this.certificate = certificate;
    this.keyManagers = keyManagers;
    this.trustManagers = trustManagers;
  }

  /**
   * Loads {@code <dir>/<baseName>.pem}, {@code <dir>/<baseName>-key.pem} and {@code <dir>/ca.pem}, the files
   * {@link OrgCertificateAuthority} writes (base name {@code client} or {@code server}).
   */
  public static TlsMaterial fromDirectory(Path dir, String baseName) throws IOException {
    return load(dir.resolve(baseName + ".pem"), dir.resolve(baseName + "-key.pem"),
        dir.resolve(OrgCertificateAuthority.CA_CERTIFICATE));
  }

  /**
   * Loads a certificate (chain) and its private key, and the CA certificate(s) to trust.
   *
   * @throws IOException naming the file when one is missing or unreadable, or the key does not match the
   *     certificate
   */
  public static TlsMaterial load(Path certificateFile, Path privateKeyFile, Path trustedCaFile) throws IOException {
    List<X509Certificate> chain = Pem.readCertificates(certificateFile);
    PrivateKey key = Pem.readPrivateKey(privateKeyFile);
    List<X509Certificate> trusted = Pem.readCertificates(trustedCaFile);
    if (!KeyMatch.matches(chain.get(0).getPublicKey(), key)) {
      throw new IOException("the key in " + privateKeyFile + " does not belong to the certificate in "
          + certificateFile + "; use the key that was issued with it (they are written side by side)");
    }
    try {
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry("identity", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, IN_MEMORY_PASSWORD);

      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        anchors.setCertificateEntry("ca-" + i, trusted.get(i));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(anchors);
      return new TlsMaterial(chain.get(0), keys.getKeyManagers(), trust.getTrustManagers());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use " + certificateFile + " with " + privateKeyFile + " and CA " + trustedCaFile
          + " for TLS: " + e.getMessage(), e);
    }
  }

  /** This side's own certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  public KeyManager[] keyManagers() {
    return keyManagers.clone();
  }

  public TrustManager[] trustManagers() {
    return trustManagers.clone();
  }
}
