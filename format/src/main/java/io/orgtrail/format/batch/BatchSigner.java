package io.orgtrail.format.batch;

import java.security.PrivateKey;
import java.util.List;

/** Signs batches with an agent's private key. Safe to share between threads. */
public final class BatchSigner {
  private final String agentId;
  private final byte[] key;

  public BatchSigner(String agentId, PrivateKey key) {
    this.agentId = agentId;
    this.key = RawEd25519.privateBytes(key);
  }

  public String agentId() {
    return agentId;
  }

  public byte[] sign(long sequence, List<byte[]> events) {
    return RawEd25519.sign(key, BatchCanonicalForm.sha256(agentId, sequence, events));
  }
}
