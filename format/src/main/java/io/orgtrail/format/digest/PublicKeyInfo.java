package io.orgtrail.format.digest;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A digest signing key as CloudTrail's ListPublicKeys publishes it: the DER-encoded PKCS#1 public key, its
 * fingerprint, and the window in which it signed digests.
 *
 * @param fingerprint 32 hex characters, {@link DigestKeys#fingerprint}
 * @param pkcs1Der the DER-encoded PKCS#1 {@code RSAPublicKey}
 * @param validFrom when the key became the signing key
 * @param validUntil when it was retired, or null while it is the active key
 */
public record PublicKeyInfo(String fingerprint, byte[] pkcs1Der, Instant validFrom, Instant validUntil) {

  public PublicKeyInfo {
    pkcs1Der = pkcs1Der.clone();
  }

  public static PublicKeyInfo of(RSAPublicKey key, Instant validFrom, Instant validUntil) {
    return new PublicKeyInfo(DigestKeys.fingerprint(key), DigestKeys.pkcs1Der(key), validFrom, validUntil);
  }

  @Override
  public byte[] pkcs1Der() {
    return pkcs1Der.clone();
  }

  public RSAPublicKey publicKey() {
    return DigestKeys.fromPkcs1Der(pkcs1Der);
  }

  /** Whether the key was valid at some moment of [start, end] (ListPublicKeys' StartTime/EndTime filter). */
  public boolean validDuring(Instant start, Instant end) {
    return !validFrom.isAfter(end) && (validUntil == null || !validUntil.isBefore(start));
  }

  /** PEM of the PKCS#1 key ({@code BEGIN RSA PUBLIC KEY}), as {@code openssl rsa -RSAPublicKey_out} writes it. */
  public String pem() {
    return "-----BEGIN RSA PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1Der)
        + "\n-----END RSA PUBLIC KEY-----\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKeyInfo k
        && fingerprint.equals(k.fingerprint)
        && Arrays.equals(pkcs1Der, k.pkcs1Der)
        && validFrom.equals(k.validFrom)
        && java.util.Objects.equals(validUntil, k.validUntil);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "PublicKeyInfo[" + fingerprint + ", " + validFrom + " to " + (validUntil == null ? "now" : validUntil) + "]";
  }
}
