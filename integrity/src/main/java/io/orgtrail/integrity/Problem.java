package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import java.util.Objects;

/**
 * One finding about one object (or, for chain-level kinds, about the chain at that key).
 *
 * @param kind what is wrong
 * @param chain the chain it belongs to; null only for a failed listing of several chains at once
 * @param bucket the bucket the key is in (for a log file named by a digest: the bucket the digest names)
 * @param key the object key: the digest, the log file, the witnessed digest, or the listed prefix
 * @param message what was found, in the AWS CLI's words where it has them (e.g. {@code not found})
 */
public record Problem(ProblemKind kind, ChainId chain, String bucket, String key, String message) {

  public Problem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  /** {@code s3://bucket/key}. */
  public String location() {
    return "s3://" + bucket + "/" + key;
  }

  /**
   * The line the printer writes, in the AWS CLI's style: {@code Digest file<TAB>s3://b/k<TAB>INVALID: not found}.
   * A chain gap is written as the AWS CLI writes it: its message alone.
   */
  public String line() {
    if (kind == ProblemKind.CHAIN_GAP) {
      return message;
    }
    return kind.subject().label() + "\t" + location() + "\t" + kind.status() + ": " + message;
  }
}
