package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.util.Optional;

/**
 * Checks a log file a valid digest names, as the AWS CLI's {@code _download_log} does (gunzip one member, SHA-256 of
 * the uncompressed bytes against {@code hashValue}), after checking that the digest names a place the chain owns.
 */
final class LogFileChecker {
  enum Outcome { VALID, INVALID, MISSING, UNREADABLE }

  private final ObjectStore store;
  private final Tally tally;

  LogFileChecker(ObjectStore store, Tally tally) {
    this.store = store;
    this.tally = tally;
  }

  Outcome check(ChainKeys keys, DigestDocument.Entry entry) {
    ChainId chain = keys.chain();
    if (!entry.bucket().equals(store.bucket())) {
      return report(ProblemKind.LOG_FILE_INVALID, chain, entry, Outcome.INVALID,
          "the digest names bucket " + entry.bucket() + ", but the trail delivers to " + store.bucket()
              + " (validate with the store of that bucket if the trail really moved)");
    }
    if (!entry.key().startsWith(keys.logFilePrefix())) {
      return report(ProblemKind.LOG_FILE_INVALID, chain, entry, Outcome.INVALID,
          "the digest names a key outside its chain's log file prefix " + keys.logFilePrefix());
    }
    Optional<StoredObject> found;
    try {
      found = store.get(entry.key());
    } catch (StoreException | RuntimeException e) {
      return report(ProblemKind.LOG_FILE_UNREADABLE, chain, entry, Outcome.UNREADABLE,
          "could not be read: " + e.getMessage());
    }
    if (found.isEmpty()) {
      return report(ProblemKind.LOG_FILE_MISSING, chain, entry, Outcome.MISSING, "not found");
    }
    String hash;
    try {
      hash = Gzip.sha256OfInflated(found.get().content());
    } catch (Gzip.FormatException e) {
      return report(ProblemKind.LOG_FILE_INVALID, chain, entry, Outcome.INVALID,
          e.trailingData() ? "unexpected data after end of compressed stream" : "invalid format");
    }
    if (!hash.equals(entry.hashValue())) {
      return report(ProblemKind.LOG_FILE_INVALID, chain, entry, Outcome.INVALID, "hash value doesn't match");
    }
    tally.logFileValid(chain, entry.bucket(), entry.key());
    return Outcome.VALID;
  }

  private Outcome report(ProblemKind kind, ChainId chain, DigestDocument.Entry entry, Outcome outcome, String message) {
    tally.problem(new Problem(kind, chain, entry.bucket(), entry.key(), message));
    return outcome;
  }
}
