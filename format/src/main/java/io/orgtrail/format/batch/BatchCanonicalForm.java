package io.orgtrail.format.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The bytes a batch signature covers. Protobuf encoding is not canonical, so agents and aggregator hash this
 * fixed layout instead (all integers big-endian):
 *
 * <pre>
 *   "orgtrail.v1.batch\n"              domain separation
 *   u32 len(agentId)  agentId UTF-8
 *   u64 sequence
 *   u32 count
 *   count x ( u32 len(event)  event bytes )
 * </pre>
 *
 * The signature is Ed25519 over the SHA-256 of that, so signing a large batch needs no copy of it.
 */
public final class BatchCanonicalForm {
  private static final byte[] DOMAIN = "orgtrail.v1.batch\n".getBytes(StandardCharsets.US_ASCII);

  private BatchCanonicalForm() {}

  public static byte[] sha256(String agentId, long sequence, List<byte[]> events) {
    MessageDigest md = newSha256();
    md.update(DOMAIN);
    byte[] id = agentId.getBytes(StandardCharsets.UTF_8);
    md.update(u32(id.length));
    md.update(id);
    md.update(u64(sequence));
    md.update(u32(events.size()));
    for (byte[] e : events) {
      md.update(u32(e.length));
      md.update(e);
    }
    return md.digest();
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static byte[] u32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static byte[] u64(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }
}
