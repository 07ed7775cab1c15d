package io.orgtrail.integrity;

import io.orgtrail.format.digest.PublicKeyInfo;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The public digest keys by fingerprint, with the windows in which each signed digests. */
final class KeyDirectory {
  private final Map<String, List<PublicKeyInfo>> byFingerprint = new HashMap<>();

  KeyDirectory(List<PublicKeyInfo> keys) {
    for (PublicKeyInfo k : keys) {
      byFingerprint.computeIfAbsent(k.fingerprint(), f -> new ArrayList<>()).add(k);
    }
  }

  /** The key with this fingerprint, or null. */
  PublicKeyInfo find(String fingerprint) {
    List<PublicKeyInfo> keys = byFingerprint.get(fingerprint);
    return keys == null ? null : keys.get(0);
  }

  /** The RSA key, or null when its bytes are not a PKCS#1 key. */
  static RSAPublicKey rsa(PublicKeyInfo key) {
    try {
      return key.publicKey();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Null when a key with this fingerprint was valid at {@code end}, give or take {@code tolerance} (a digest is
   * signed just after its period ends, and a rotation reaches the signer with some delay); else what is wrong.
   */
  String outsideWindow(String fingerprint, Instant end, Duration tolerance) {
    List<PublicKeyInfo> keys = byFingerprint.getOrDefault(fingerprint, List.of());
    for (PublicKeyInfo k : keys) {
      boolean afterStart = !end.isBefore(k.validFrom().minus(tolerance));
      boolean beforeEnd = k.validUntil() == null || !end.isAfter(k.validUntil().plus(tolerance));
      if (afterStart && beforeEnd) {
        return null;
      }
    }
    PublicKeyInfo k = keys.get(0);
    String window = "valid from " + DisplayTime.format(k.validFrom())
        + (k.validUntil() == null ? " (still active)" : " to " + DisplayTime.format(k.validUntil()));
    String side = end.isBefore(k.validFrom()) ? "before the key became valid" : "after the key was retired";
    return "signed with key " + fingerprint + ", " + window + ", but the digest ends at " + DisplayTime.format(end)
        + ", " + side + " by more than one digest period (" + DisplayTime.duration(tolerance) + ")";
  }
}
