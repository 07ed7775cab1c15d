package io.orgtrail.bench.micro;

import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.format.batch.Ed25519Keys;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;

/**
 * A batch as an agent sends it: events signed with a fresh Ed25519 key under an agent id and sequence number.
 *
 * @param signature the signature {@link #signer()} made over the events, for the verifying side
 */
public record SignedBatch(
    String agentId, long sequence, EventSample events, BatchSigner signer, PublicKey publicKey, byte[] signature) {
  static final String AGENT_ID = "agt-0123456789abcdef";
  static final long SEQUENCE = 42;

  public static SignedBatch sign(EventSample events, SecureRandom random) {
    KeyPair keys = Ed25519Keys.generate(random);
    BatchSigner signer = new BatchSigner(AGENT_ID, keys.getPrivate());
    return new SignedBatch(
        AGENT_ID, SEQUENCE, events, signer, keys.getPublic(), signer.sign(SEQUENCE, events.records()));
  }

  public List<byte[]> records() {
    return events.records();
  }
}
