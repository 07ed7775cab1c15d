package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.ChainId;
import io.orgtrail.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one (account, region) chain: walks its digests from the newest in range backwards as the AWS CLI's
 * DigestTraverser does, checks the log files each valid digest names, then looks at what the walk did not reach
 * (forks, unlinked digests), at what the witnesses saw, and at the log files no valid digest names.
 */
final class ChainValidator {
  private static final int MAX_INFERRED_MISSING = 100;

  private final ObjectStore store;
  private final ValidationRequest request;
  private final DigestReader reader;
  private final DigestVerifier verifier;
  private final LogFileChecker logFiles;
  private final WitnessCheck witnessCheck;
  private final Tally tally;

  ChainValidator(ObjectStore store, ValidationRequest request, DigestVerifier verifier, KeyDirectory keys,
      Tally tally) {
    this.store = store;
    this.request = request;
    this.reader = new DigestReader(store);
    this.verifier = verifier;
    this.logFiles = new LogFileChecker(store, tally);
    this.witnessCheck = new WitnessCheck(store, keys, tally);
    this.tally = tally;
  }

  void validate(BucketIndex.ChainObjects objects, List<ChainHead> witnesses) {
    new Run(objects, witnesses).run();
  }

  /** The state of one chain's validation. */
  private final class Run {
    private final BucketIndex.ChainObjects objects;
    private final ChainKeys keys;
    private final ChainId chain;
    private final List<ChainHead> witnesses;
    private final Coverage coverage = new Coverage();
    private final Set<String> visited = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    /** previousDigestS3Object -> the digest that names it, for every digest read. */
    private final Map<String, String> namedBy = new HashMap<>();
    private final Set<String> listed = new HashSet<>();
    /** hashValue -> key of a log file a valid digest lists. */
    private final Map<String, String> listedByHash = new HashMap<>();
    private final Map<String, LogFileChecker.Outcome> outcomes = new HashMap<>();
    private WitnessCheck.Findings witnessed;

    Run(BucketIndex.ChainObjects objects, List<ChainHead> witnesses) {
      this.objects = objects;
      this.keys = objects.keys();
      this.chain = keys.chain();
      this.witnesses = witnesses;
    }

    void run() {
      witnessed = witnessCheck.check(objects, witnesses, coverage);
      walk();
      unreached();
      witnessedButUnreached();
      new UnlistedLogFiles(store, tally, keys, coverage).classify(objects.logFiles(), listed, listedByHash, outcomes,
          horizon());
    }

    /** Log files delivered from this time on are not yet in a digest. */
    private Horizon horizon() {
      Instant newest = objects.newest() == null ? null : objects.newest().end();
      Instant witnessEnd = witnessed.truncatedUntil();
      if (witnessEnd != null && (newest == null || witnessEnd.isAfter(newest))) {
        return new Horizon(witnessEnd, true);
      }
      return newest == null ? Horizon.NONE : new Horizon(newest, false);
    }

    private record Cursor(String key, Instant end) {}

    private void walk() {
      Deque<BucketIndex.DigestKey> pending = new ArrayDeque<>(objects.digestsInRange());
      Cursor cursor = pending.isEmpty() ? null : toCursor(pending.pollLast());
      Instant lastStart = cursor == null ? null : cursor.end();
      DigestVerifier.Expectation expectation = null;
      while (cursor != null && !request.start().isAfter(lastStart)) {
        if (!visited.add(cursor.key())) {
          digestProblem(ProblemKind.DIGEST_INVALID, cursor.key(), "the chain loops back to this digest"
              + (expectation == null ? "" : ": " + expectation.namedBy() + " names it as its previous digest"));
          cursor = olderThan(pending, cursor.end());
          expectation = null;
          continue;
        }
        DigestReader.Read read = reader.read(cursor.key());
        if (read.status() == DigestReader.Status.LOADED && read.document().hasPrevious()) {
          namedBy.putIfAbsent(read.document().previousKey(), cursor.key());
        }
        switch (read.status()) {
          case MISSING -> {
            digestProblem(ProblemKind.DIGEST_MISSING, cursor.key(), read.reason());
            Cursor next = olderThan(pending, cursor.end());
            missingRun(cursor, expectation, next);
            cursor = next;
            expectation = null;
          }
          case UNREADABLE, REJECTED -> {
            digestProblem(read.status() == DigestReader.Status.UNREADABLE
                ? ProblemKind.DIGEST_UNREADABLE : ProblemKind.DIGEST_INVALID, cursor.key(), read.reason());
            Cursor next = olderThan(pending, cursor.end());
            coverage.hole(next == null ? null : next.end(), expectation == null ? cursor.end() : expectation.end(),
                "the digest that would list it, " + cursor.key() + ", is invalid");
            cursor = next;
            expectation = null;
          }
          case LOADED -> {
            List<String> reasons = new java.util.ArrayList<>(verifier.verify(read, keys, expectation));
            String contradiction = witnessed.contradictions().get(cursor.key());
            if (contradiction != null) {
              reasons.add(contradiction);
            }
            DigestDocument d = read.document();
            if (!reasons.isEmpty()) {
              digestProblem(ProblemKind.DIGEST_INVALID, cursor.key(), String.join("; ", reasons));
              coverage.hole(d.start(), d.end(), "the digest that would list it, " + cursor.key() + ", is invalid");
              cursor = olderThan(pending, cursor.end());
              expectation = null;
              break;
            }
            valid(cursor.key(), d);
            lastStart = d.start();
            if (!d.hasPrevious()) {
              Cursor next = olderThan(pending, cursor.end());
              if (next != null) {
                tally.problem(new Problem(ProblemKind.CHAIN_GAP, chain, store.bucket(), cursor.key(),
                    "No log files were delivered by CloudTrail between " + DisplayTime.format(next.end()) + " and "
                        + DisplayTime.format(d.start()) + " (" + chain + ")"));
                coverage.hole(next.end(), d.start(), "it was delivered between " + DisplayTime.format(next.end())
                    + " and " + DisplayTime.format(d.start()) + ", a gap between two digest chains");
              } else {
                coverage.hole(null, d.start(), "it was delivered before " + DisplayTime.format(d.start())
                    + ", when the chain's first digest starts");
              }
              cursor = next;
              expectation = null;
            } else if (!store.bucket().equals(d.previousBucket())) {
              digestProblem(ProblemKind.DIGEST_MISSING, d.previousKey(), "not found: the digest " + cursor.key()
                  + " names it in bucket " + d.previousBucket() + ", which is not the trail's bucket "
                  + store.bucket());
              cursor = olderThan(pending, cursor.end());
              expectation = null;
            } else {
              expectation = new DigestVerifier.Expectation(cursor.key(), d.previousHash(), d.previousSignature(),
                  d.start(), d.period());
              Instant end = ChainKeys.anyDigestKeyTime(d.previousKey());
              cursor = new Cursor(d.previousKey(), end == null ? d.start() : end);
            }
          }
        }
      }
    }

    private void valid(String key, DigestDocument d) {
      tally.digestValid(chain, store.bucket(), key, d);
      coverage.covered(d.start(), d.end());
      for (DigestDocument.Entry entry : d.logFiles()) {
        listed.add(entry.key());
        listedByHash.putIfAbsent(entry.hashValue(), entry.key());
        LogFileChecker.Outcome outcome = logFiles.check(keys, entry);
        outcomes.merge(entry.key(), outcome, (a, b) -> a == LogFileChecker.Outcome.MISSING ? a : b);
      }
    }

    /**
     * A digest named by {@code expectation} is missing and the walk resumes at {@code next}. If {@code next} ends
     * before the missing digest can have started (one period of the digest that named it), more digests are missing:
     * their keys are inferred from the period, as CloudTrail would have named them.
     */
    private void missingRun(Cursor missing, DigestVerifier.Expectation expectation, Cursor next) {
      Instant to = expectation == null ? missing.end() : expectation.end();
      Instant from = next == null ? null : next.end();
      coverage.hole(from, to, from == null
          ? "the digest that would list it, " + missing.key() + ", is missing"
          : "the digests that would list it (from " + DisplayTime.format(from) + " to " + DisplayTime.format(to)
              + ") are missing");
      if (expectation == null || next == null) {
        return;
      }
      Duration period = expectation.period();
      Instant expectedStart = expectation.end().minus(period);
      int inferred = 0;
      for (Instant end = expectedStart; end.isAfter(next.end()); end = end.minus(period)) {
        if (++inferred > MAX_INFERRED_MISSING) {
          digestProblem(ProblemKind.DIGEST_MISSING, keys.digestKey(end), "not found (inferred): and more digests "
              + "are missing back to " + DisplayTime.format(next.end()) + ", where " + next.key() + " ends");
          break;
        }
        digestProblem(ProblemKind.DIGEST_MISSING, keys.digestKey(end), "not found (inferred: " + missing.key()
            + " is missing and should start at " + DisplayTime.format(expectedStart) + ", one period of "
            + DisplayTime.duration(period) + " before its end, but the next older digest in the bucket, "
            + next.key() + ", ends at " + DisplayTime.format(next.end()) + ": more than one digest is missing)");
      }
    }

    /** Digests of the range the walk never reached: forks, or digests nothing links to. */
    private void unreached() {
      for (BucketIndex.DigestKey digest : objects.digestsInRange()) {
        if (visited.contains(digest.key()) || reported.contains(digest.key())) {
          continue;
        }
        DigestReader.Read read = reader.read(digest.key());
        switch (read.status()) {
          case MISSING -> { } // deleted while we validated; nothing links to it
          case UNREADABLE -> digestProblem(ProblemKind.DIGEST_UNREADABLE, digest.key(), read.reason());
          case REJECTED -> digestProblem(ProblemKind.DIGEST_INVALID, digest.key(),
              read.reason() + "; and no newer digest names it as its previous digest");
          case LOADED -> {
            DigestDocument d = read.document();
            List<String> reasons = verifier.verify(read, keys, null);
            String other = d.hasPrevious() ? namedBy.get(d.previousKey()) : null;
            boolean fork = other != null && !other.equals(digest.key());
            String structure = fork
                ? "the chain forks: it names " + d.previousKey() + " as its previous digest, as " + other + " does"
                : "not linked into the chain: no newer digest names it as its previous digest";
            if (!reasons.isEmpty()) {
              // Invalid on its own: that is the finding; being off the chain comes second.
              digestProblem(ProblemKind.DIGEST_INVALID, digest.key(), String.join("; ", reasons) + "; and "
                  + structure);
            } else {
              // Validly signed yet off the chain: a trusted key signed something the chain does not contain.
              digestProblem(fork ? ProblemKind.DIGEST_FORK : ProblemKind.DIGEST_UNLINKED, digest.key(),
                  structure + " (its signature is valid: it was signed with a trusted key)");
            }
            if (d.hasPrevious()) {
              namedBy.putIfAbsent(d.previousKey(), digest.key());
            }
          }
        }
      }
    }

    /** Witnessed digests the walk did not reach (outside the range, or past a break) still get their verdict. */
    private void witnessedButUnreached() {
      witnessed.missing().forEach((key, head) -> {
        if (!reported.contains(key)) {
          digestProblem(ProblemKind.DIGEST_MISSING, key, "not found, though a witness shows it was delivered (it "
              + "ended at " + head.digestEndTime() + ")");
        }
      });
      witnessed.contradictions().forEach((key, why) -> {
        if (!visited.contains(key) && !reported.contains(key)) {
          digestProblem(ProblemKind.DIGEST_INVALID, key, why);
        }
      });
    }

    private void digestProblem(ProblemKind kind, String key, String message) {
      reported.add(key);
      tally.problem(new Problem(kind, chain, store.bucket(), key, message));
    }

    private Cursor toCursor(BucketIndex.DigestKey key) {
      return key == null ? null : new Cursor(key.key(), key.end());
    }

    /** As the AWS CLI's _get_last_digest: drops listed digests until one ends strictly before {@code end}. */
    private Cursor olderThan(Deque<BucketIndex.DigestKey> pending, Instant end) {
      while (!pending.isEmpty()) {
        BucketIndex.DigestKey next = pending.pollLast();
        if (next.end().isBefore(end)) {
          return toCursor(next);
        }
      }
      return null;
    }
  }
}
