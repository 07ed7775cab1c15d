package io.orgtrail.access.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a private key belongs to a certificate's public key: sign a probe, verify it. */
final class KeyMatch {
  private static final byte[] PROBE = "orgtrail key check".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
    String algorithm = switch (privateKey.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(privateKey);
      sign.update(PROBE);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(publicKey);
      verify.update(PROBE);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
