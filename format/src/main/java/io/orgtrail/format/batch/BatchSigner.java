package io.orgtrail.format.batch;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;

/** Signs batches with an agent's private key. Not thread-safe state: a new {@link Signature} per call. */
public final class BatchSigner {
  private final String agentId;
  private final PrivateKey key;

  public BatchSigner(String agentId, PrivateKey key) {
    this.agentId = agentId;
    this.key = key;
  }

  public String agentId() {
    return agentId;
  }

  public byte[] sign(long sequence, List<byte[]> events) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(BatchCanonicalForm.sha256(agentId, sequence, events));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the agent's Ed25519 key", e);
    }
  }
}
