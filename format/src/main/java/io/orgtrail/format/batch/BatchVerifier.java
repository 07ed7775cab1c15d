package io.orgtrail.format.batch;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/** Checks a batch's Ed25519 signature against the public key the agent enrolled with. */
public final class BatchVerifier {
  private BatchVerifier() {}

  public static boolean verify(PublicKey key, String agentId, long sequence, List<byte[]> events, byte[] signature) {
    if (signature == null || signature.length != 64) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(BatchCanonicalForm.sha256(agentId, sequence, events));
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
