package io.orgtrail.integrity;

import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the AWS CLI cannot see: the objects under a chain's log file prefix that no valid digest names. Each is a
 * copy or a move of a listed file (same content), an added file (its delivery time is covered by a valid digest
 * that does not list it), a file no valid digest can vouch for, or a file delivered after the newest digest.
 */
final class UnlistedLogFiles {
  /** Log file names carry the delivery minute: the file arrived somewhere in [minute, minute + 1 min). */
  private static final Duration NAME_PRECISION = Duration.ofMinutes(1);

  private final ObjectStore store;
  private final Tally tally;
  private final ChainKeys keys;
  private final Coverage coverage;

  UnlistedLogFiles(ObjectStore store, Tally tally, ChainKeys keys, Coverage coverage) {
    this.store = store;
    this.tally = tally;
    this.keys = keys;
    this.coverage = coverage;
  }

  /**
   * @param listed keys valid digests name
   * @param listedByHash hashValue -> a key valid digests name with that hash
   * @param outcomes how each listed file checked out
   * @param horizon the end of the newest digest (or of the newest witness of a truncated chain); null when the
   *     chain has no digest at all
   */
  void classify(List<BucketIndex.LogObject> objects, Set<String> listed, Map<String, String> listedByHash,
      Map<String, LogFileChecker.Outcome> outcomes, Instant horizon) {
    for (BucketIndex.LogObject object : objects) {
      if (listed.contains(object.key())) {
        continue;
      }
      Content content = read(object.key());
      if (content.gone()) {
        continue; // deleted while we validated: nothing to say about a file that is not there
      }
      String original = content.sha256() == null ? null : listedByHash.get(content.sha256());
      if (original != null) {
        boolean moved = outcomes.get(original) == LogFileChecker.Outcome.MISSING;
        report(moved ? ProblemKind.LOG_FILE_MOVED : ProblemKind.LOG_FILE_COPIED, object,
            "not listed in any digest: " + (moved ? "moved from " : "copied from ") + original);
        continue;
      }
      String note = (object.logFileName() ? "" : " (its name is not a CloudTrail log file name)") + content.note();
      if (!object.logFileName()) {
        // CloudTrail writes nothing else under the log file prefix: an object with another name was added.
        report(ProblemKind.LOG_FILE_UNLISTED, object, "not listed in any digest" + note);
        continue;
      }
      // A hole first: a file whose digest is missing or invalid is unverifiable rather than added, even when its
      // delivery minute also touches a covered period.
      String hole = coverage.hole(object.deliveredAt(), NAME_PRECISION);
      if (hole != null) {
        report(ProblemKind.LOG_FILE_NOT_COVERED, object, hole + note);
      } else if (coverage.covers(object.deliveredAt(), NAME_PRECISION)) {
        report(ProblemKind.LOG_FILE_UNLISTED, object, "not listed in any digest" + note);
      } else if (horizon != null && object.deliveredAt().plus(NAME_PRECISION).isAfter(horizon)) {
        report(ProblemKind.LOG_FILE_NOT_YET_COVERED, object, "delivered after the newest digest, which ends at "
            + DisplayTime.format(horizon) + "; the next digest will list it" + note);
      } else {
        report(ProblemKind.LOG_FILE_NOT_COVERED, object, (horizon == null
            ? "no digest of the trail exists for " + keys.chain()
            : "no valid digest covers the time it was delivered") + note);
      }
    }
  }

  /** @param sha256 of the uncompressed content; null when unknown, and then {@code note} says why */
  private record Content(boolean gone, String sha256, String note) {}

  private Content read(String key) {
    Optional<StoredObject> found;
    try {
      found = store.get(key);
    } catch (StoreException | RuntimeException e) {
      return new Content(false, null, " (and it could not be read: " + e.getMessage() + ")");
    }
    if (found.isEmpty()) {
      return new Content(true, null, "");
    }
    try {
      return new Content(false, Gzip.sha256OfInflated(found.get().content()), "");
    } catch (Gzip.FormatException e) {
      return new Content(false, null, " (and it is not a valid gzip file: " + e.getMessage() + ")");
    }
  }

  private void report(ProblemKind kind, BucketIndex.LogObject object, String message) {
    tally.problem(new Problem(kind, keys.chain(), store.bucket(), object.key(), message));
  }
}
