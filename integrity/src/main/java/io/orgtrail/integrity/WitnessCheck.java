package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a chain with its witnesses, the signed chain heads agents keep. The chain alone cannot show that its
 * newest digests were deleted; a witness can, because it proves a digest up to its end time was delivered. It also
 * pins the witnessed digest's exact bytes and signature.
 */
final class WitnessCheck {

  /**
   * @param truncatedUntil the newest witnessed end time when the bucket's newest digest ends before it, else null
   * @param contradictions digest key -> how the digest in the bucket differs from what a witness saw
   * @param missing witnessed digests not in the bucket that are not part of a truncated tail
   */
  record Findings(Instant truncatedUntil, Map<String, String> contradictions, Map<String, ChainHead> missing) {}

  private final ObjectStore store;
  private final KeyDirectory keys;
  private final Tally tally;

  WitnessCheck(ObjectStore store, KeyDirectory keys, Tally tally) {
    this.store = store;
    this.keys = keys;
    this.tally = tally;
  }

  Findings check(BucketIndex.ChainObjects objects, List<ChainHead> heads, Coverage coverage) {
    ChainKeys chainKeys = objects.keys();
    ChainId chain = chainKeys.chain();
    List<ChainHead> trusted = new ArrayList<>();
    for (ChainHead head : heads) {
      tally.witnessChecked();
      String wrong = whatIsWrong(head, chainKeys);
      if (wrong != null) {
        String key = head.digestS3Object() == null ? chainKeys.digestPrefix() : head.digestS3Object();
        String bucket = head.digestS3Bucket() == null ? store.bucket() : head.digestS3Bucket();
        tally.problem(new Problem(ProblemKind.WITNESS_INVALID, chain, bucket, key, wrong));
      } else {
        trusted.add(head);
      }
    }
    BucketIndex.DigestKey newest = objects.newest();
    ChainHead newestWitness = null;
    for (ChainHead head : trusted) {
      if (newestWitness == null || head.endTime().isAfter(newestWitness.endTime())) {
        newestWitness = head;
      }
    }
    Instant truncatedUntil = null;
    if (newestWitness != null && (newest == null || newest.end().isBefore(newestWitness.endTime()))) {
      truncatedUntil = newestWitness.endTime();
      String inBucket = newest == null
          ? "the bucket holds no digest of this chain"
          : "the newest digest in the bucket ends at " + DisplayTime.format(newest.end());
      tally.problem(new Problem(ProblemKind.CHAIN_TRUNCATED, chain, store.bucket(), newestWitness.digestS3Object(),
          "digests up to " + DisplayTime.format(truncatedUntil) + " were delivered (witnessed) but "
              + inBucket));
      coverage.hole(newest == null ? null : newest.end(), truncatedUntil, "the digests up to "
          + DisplayTime.format(truncatedUntil) + " that would list it were deleted (the chain was truncated)");
    }
    Map<String, String> contradictions = new HashMap<>();
    Map<String, ChainHead> missing = new HashMap<>();
    for (ChainHead head : trusted) {
      Optional<StoredObject> found;
      try {
        found = store.get(head.digestS3Object());
      } catch (StoreException | RuntimeException e) {
        continue; // the chain walk reports the digest as unreadable when it reaches it
      }
      if (found.isEmpty()) {
        if (truncatedUntil == null || newest != null && !head.endTime().isAfter(newest.end())) {
          missing.put(head.digestS3Object(), head);
        }
        continue;
      }
      String differs = differs(found.get(), head);
      if (differs != null) {
        contradictions.merge(head.digestS3Object(), differs, (a, b) -> a.equals(b) ? a : a + "; " + b);
      }
    }
    return new Findings(truncatedUntil, contradictions, missing);
  }

  private String whatIsWrong(ChainHead head, ChainKeys chainKeys) {
    PublicKeyInfo key = head.fingerprint() == null ? null : keys.find(head.fingerprint());
    if (key == null) {
      return "public key not found for fingerprint " + head.fingerprint() + " of this witness";
    }
    RSAPublicKey rsa = KeyDirectory.rsa(key);
    boolean verified;
    try {
      verified = rsa != null && head.verify(rsa);
      head.endTime();
    } catch (RuntimeException e) {
      verified = false;
    }
    if (!verified) {
      return "signature verification failed for this witness (it was not signed by the trail, or was changed)";
    }
    if (!store.bucket().equals(head.digestS3Bucket())) {
      return "this witness names bucket " + head.digestS3Bucket() + ", not " + store.bucket()
          + " where the trail delivers: it belongs to another trail";
    }
    if (head.digestS3Object() == null || !head.digestS3Object().startsWith(chainKeys.digestPrefix())) {
      return "this witness of account " + head.accountId() + " in " + head.region()
          + " names a digest outside that chain's prefix " + chainKeys.digestPrefix();
    }
    return null;
  }

  private static String differs(StoredObject object, ChainHead head) {
    String sha256;
    try {
      sha256 = Gzip.sha256OfInflated(object.content());
    } catch (Gzip.FormatException e) {
      return "it is not the digest a witness saw: it is not a valid gzip file any more (" + e.getMessage() + ")";
    }
    List<String> reasons = new ArrayList<>();
    if (!sha256.equalsIgnoreCase(head.digestHashValue())) {
      reasons.add("its SHA-256 " + sha256 + " is not the witnessed " + head.digestHashValue()
          + ": it was changed after delivery");
    }
    String signature = object.userMetadata().get("signature");
    if (signature == null || !signature.equalsIgnoreCase(head.signature())) {
      reasons.add("its signature metadata is not the witnessed signature");
    }
    return reasons.isEmpty() ? null : String.join("; ", reasons);
  }
}
