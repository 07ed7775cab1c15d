package io.orgtrail.integrity;

import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the AWS CLI cannot see: the objects under a chain's log file prefix that no valid digest names. Each is a
 * copy or a move of a listed file (same content), an added file (its delivery time is covered by a valid digest
 * that does not list it), a file no valid digest can vouch for, or a file that may have been delivered after the
 * newest digest.
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
   * @param horizon where the chain's digests end (the newest digest, or the newest witness of a truncated chain)
   */
  void classify(List<BucketIndex.LogObject> objects, Set<String> listed, Map<String, String> listedByHash,
      Map<String, LogFileChecker.Outcome> outcomes, Horizon horizon) {
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
      // The horizon first: a file whose minute reaches past the newest digest may simply wait for the next digest,
      // even when its minute also touches a hole or a covered period (in a chain's first minute, or the minute in
      // which the newest digest ends). Then a hole: a file whose digest is missing or invalid is unverifiable
      // rather than added, even when its delivery minute also touches a covered period.
      if (horizon.mayBePast(object.deliveredAt(), NAME_PRECISION)) {
        report(ProblemKind.LOG_FILE_NOT_YET_COVERED, object, notYetCovered(object, horizon) + note);
        continue;
      }
      String hole = coverage.hole(object.deliveredAt(), NAME_PRECISION);
      if (hole != null) {
        report(ProblemKind.LOG_FILE_NOT_COVERED, object, hole + note);
      } else if (coverage.covers(object.deliveredAt(), NAME_PRECISION)) {
        report(ProblemKind.LOG_FILE_UNLISTED, object, "not listed in any digest" + note);
      } else {
        report(ProblemKind.LOG_FILE_NOT_COVERED, object, (horizon.end() == null
            ? "no digest of the trail exists for " + keys.chain()
            : "no valid digest covers the time it was delivered") + note);
      }
    }
  }

  private static String notYetCovered(BucketIndex.LogObject object, Horizon horizon) {
    String newest = horizon.truncated() ? "the newest witnessed digest" : "the newest digest";
    String when = object.deliveredAt().isBefore(horizon.end())
        ? "may have been delivered after " + newest + ", which ends at " + DisplayTime.format(horizon.end())
            + " (its name gives the minute from " + DisplayTime.format(object.deliveredAt()) + " only)"
        : "delivered after " + newest + ", which ends at " + DisplayTime.format(horizon.end());
    return when + "; the next digest will list it";
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
