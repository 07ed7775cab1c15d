package io.orgtrail.aggregator.digest;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.ChainId;
import java.time.Instant;
import java.util.List;

/**
 * A digest that is signed and committed to its chain's journal: once it is there it is the chain's head, whether
 * or not the store has it yet (it is put again after a crash), so the next digest always names it and a chain
 * never forks.
 *
 * @param gzipped the object's exact bytes, so that a retry after a crash puts the very same object
 * @param covered the keys of the log files it lists
 */
record SignedDigest(
    String key,
    Instant start,
    Instant end,
    String sha256Hex,
    String signature,
    String previousSignature,
    String fingerprint,
    List<String> covered,
    byte[] gzipped) {

  SignedDigest {
    covered = List.copyOf(covered);
  }

  /** The digest without its content: what the chain needs to link the next one. */
  Head head() {
    return new Head(key, start, end, sha256Hex, signature, previousSignature, fingerprint);
  }

  /** The newest digest of a chain, as the next digest links to it. */
  record Head(
      String key,
      Instant start,
      Instant end,
      String sha256Hex,
      String signature,
      String previousSignature,
      String fingerprint) {

    ChainHead signedHead(ChainId chain, String bucket) {
      return new ChainHead(chain.accountId(), chain.region(), bucket, key, end.toString(), sha256Hex, signature,
          previousSignature, fingerprint);
    }
  }
}
