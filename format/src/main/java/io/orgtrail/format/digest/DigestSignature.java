package io.orgtrail.format.digest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * CloudTrail's digest signature: SHA256withRSA over
 * {@code digestEndTime \n digestS3Bucket/digestS3Object \n hex(SHA-256(uncompressed digest)) \n previousDigestSignature}
 * (the literal {@code null} for the first digest of a chain), carried as hex in the object's {@code signature}
 * user metadata, never inside the file. Signing is kept apart from storage: this class knows no bucket client.
 */
public final class DigestSignature {
  public static final String ALGORITHM = "SHA256withRSA";

  private DigestSignature() {}

  public static String stringToSign(
      String digestEndTime, String bucket, String key, byte[] uncompressedDigest, String previousSignature) {
    return digestEndTime + "\n" + bucket + "/" + key + "\n" + sha256Hex(uncompressedDigest) + "\n"
        + (previousSignature == null ? "null" : previousSignature);
  }

  /** Returns the signature as lowercase hex, as CloudTrail stores it. */
  public static String sign(PrivateKey key, String stringToSign) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the digest with the configured RSA key", e);
    }
  }

  public static boolean verify(PublicKey key, String stringToSign, String signatureHex) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
      return s.verify(HexFormat.of().parseHex(signatureHex));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
