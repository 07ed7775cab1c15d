package io.orgtrail.access.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;

/**
 * A certificate the organization's CA issued, and where its files are.
 *
 * @param directory the identity directory
 * @param certificateFile {@code client.pem} or {@code server.pem}
 * @param privateKeyFile {@code client-key.pem} or {@code server-key.pem} (PKCS#8, owner-only)
 * @param caFile {@code ca.pem}: the organization's CA certificate, to verify the other side
 * @param certificate the issued certificate
 */
public record IssuedIdentity(
    Path directory, Path certificateFile, Path privateKeyFile, Path caFile, X509Certificate certificate) {

  /** The serial number in lower-case hex, as logs and {@code WhoAmI} show it. */
  public String serialHex() {
    return certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }
}
