package io.orgtrail.format.batch;

import java.security.PublicKey;
import java.util.List;

/** Checks a batch's Ed25519 signature against the public key the agent enrolled with. */
public final class BatchVerifier {
  private BatchVerifier() {}

  public static boolean verify(PublicKey key, String agentId, long sequence, List<byte[]> events, byte[] signature) {
    if (signature == null || signature.length != RawEd25519.SIGNATURE_BYTES) {
      return false;
    }
    byte[] publicKey = RawEd25519.publicBytes(key);
    return publicKey != null
        && RawEd25519.verify(publicKey, BatchCanonicalForm.sha256(agentId, sequence, events), signature);
  }
}
