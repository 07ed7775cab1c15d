package io.orgtrail.integrity;

import static io.orgtrail.integrity.OrgTrail.A_EAST;
import static io.orgtrail.integrity.OrgTrail.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.store.LocalDirectoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trail that is still running, validated while log files wait for their digest. Log file names carry the
 * delivery minute only, so a file named for the minute in which the newest digest ends may have been delivered
 * after that digest: it is not yet covered, not added. The chain here starts, and its digests end, mid-minute, as
 * the aggregator's do (its first digest starts at the first delivery).
 */
class HorizonTest {
  /** The chain's first digest covers [10:00:10, 10:00:30); the next ones ten minutes each from there. */
  static final Instant FIRST_START = T0.plusSeconds(10);
  static final Instant FIRST_END = T0.plusSeconds(30);
  static final Duration PERIOD = Duration.ofMinutes(10);

  @TempDir static Path keyDir;
  static TestKeys keys;

  @TempDir Path storeDir;
  OrgTrail org;
  ChainWriter chain;

  @BeforeAll
  static void keys() throws Exception {
    keys = TestKeys.create(keyDir);
  }

  @BeforeEach
  void emptyTrail() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(storeDir);
    org = OrgTrail.empty(store, LocalStores.deleter(store));
    chain = org.writer(A_EAST, new SplittableRandom(11));
  }

  /** The first digest, then {@code more} digests of ten minutes each, two log files in each. */
  private void digests(int more) throws Exception {
    chain.period(FIRST_START, FIRST_END, keys.first(), 1);
    for (int i = 0; i < more; i++) {
      chain.period(end(i), end(i + 1), keys.first(), 2);
    }
  }

  /** The end of the digest {@code i} periods after the first one's: 10:00:30, 10:10:30, ... */
  private static Instant end(int i) {
    return FIRST_END.plus(PERIOD.multipliedBy(i));
  }

  private ValidationReport validate(List<ChainHead> witnesses) {
    return org.validator(keys.publicKeys()).witnesses(witnesses).build()
        .validate(ValidationRequest.all(T0, T0.plus(Duration.ofHours(1))));
  }

  private String deliverUnlisted(Instant at) throws Exception {
    return chain.deliverLogFile(at).s3Object();
  }

  @Test
  void fileInTheFirstDigestsMinuteDeliveredAfterItIsNotYetCovered() throws Exception {
    digests(0);
    String later = deliverUnlisted(T0.plusSeconds(45)); // named 10:00Z, like the listed file of 10:00:20

    ValidationReport report = validate(List.of());

    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ProblemKind.LOG_FILE_NOT_YET_COVERED);
      assertThat(p.key()).isEqualTo(later);
      assertThat(p.message()).isEqualTo("may have been delivered after the newest digest, which ends at "
          + "2026-03-02T10:00:30Z (its name gives the minute from 2026-03-02T10:00:00Z only); the next digest will "
          + "list it");
    });
    assertThat(report.isClean()).isTrue();
    assertThat(report.counts().logFilesNotYetCovered()).isEqualTo(1);
    assertThat(report.counts().logFilesNotCovered()).isZero();
    assertThat(report.counts().logFilesValid()).isEqualTo(1);
  }

  @Test
  void fileInTheNewestDigestsMinuteDeliveredAfterItIsNotYetCovered() throws Exception {
    digests(3);
    String later = deliverUnlisted(end(3).plusSeconds(20)); // 10:30:50, named 10:30Z; the newest ends 10:30:30
    List<ChainHead> agreeing = List.of(chain.head(chain.newest()));

    ValidationReport withoutWitness = validate(List.of());
    ValidationReport withWitness = validate(agreeing);

    for (ValidationReport report : List.of(withoutWitness, withWitness)) {
      assertThat(report.problems()).extracting(Problem::kind, Problem::key)
          .containsExactly(tuple(ProblemKind.LOG_FILE_NOT_YET_COVERED, later));
      assertThat(report.isClean()).isTrue();
      assertThat(report.counts().logFilesValid()).isEqualTo(7);
    }
    assertThat(withWitness.counts().witnessesChecked()).isEqualTo(1);
  }

  @Test
  void unlistedFilesThatCannotBePastTheNewestDigestAreStillErrors() throws Exception {
    digests(3);
    // Named 10:00Z: it may have been delivered before the chain's first digest starts (10:00:10), or in the second
    // digest's period, which does not list it. Either way the newest digest (10:30:30) ended after its minute.
    String inFirstMinute = deliverUnlisted(T0.plusSeconds(50));
    // Between two listed files of the digest of [10:10:30, 10:20:30): added.
    String added = deliverUnlisted(end(1).plus(Duration.ofMinutes(4)));
    // In the minute the next-to-newest digest ends (10:20:30), well before the newest one ends: added.
    String atDigestBoundary = deliverUnlisted(end(2).plusSeconds(10));

    ValidationReport report = validate(List.of());

    assertThat(report.problems()).extracting(Problem::kind, Problem::key).containsExactlyInAnyOrder(
        tuple(ProblemKind.LOG_FILE_NOT_COVERED, inFirstMinute),
        tuple(ProblemKind.LOG_FILE_UNLISTED, added),
        tuple(ProblemKind.LOG_FILE_UNLISTED, atDigestBoundary));
    assertThat(report.problems(ProblemKind.LOG_FILE_NOT_COVERED).get(0).message())
        .isEqualTo("it was delivered before 2026-03-02T10:00:10Z, when the chain's first digest starts");
    assertThat(report.isClean()).isFalse();
  }

  @Test
  void filesOfATruncatedTailAreNotCoveredThoughPastTheNewestDigestLeft() throws Exception {
    digests(3);
    List<ChainHead> witnesses = List.of(chain.head(chain.newest()));
    List<String> deletedTail = new ArrayList<>(chain.digest(2).logFileKeys());
    deletedTail.addAll(chain.digest(3).logFileKeys());
    org.delete(chain.digest(3).key());
    org.delete(chain.digest(2).key());
    // Named for the minute in which the newest digest left (10:10:30) ends: past it, but inside the deleted tail.
    String inLeftsMinute = deliverUnlisted(end(1).plusSeconds(15));
    // Named for the minute in which the witnessed digest (10:30:30) ends: it may belong to the deleted tail.
    String inWitnessedMinute = deliverUnlisted(end(3).plusSeconds(20));
    // Named for the minute after that: delivered after every digest that was ever written.
    String afterTheTail = deliverUnlisted(end(3).plus(Duration.ofMinutes(1)));

    ValidationReport witnessed = validate(witnesses);

    assertThat(witnessed.problems(ProblemKind.CHAIN_TRUNCATED)).singleElement()
        .extracting(Problem::key).isEqualTo(chain.digest(3).key());
    List<String> notCovered = new ArrayList<>(deletedTail);
    notCovered.add(inLeftsMinute);
    notCovered.add(inWitnessedMinute);
    assertThat(witnessed.problems(ProblemKind.LOG_FILE_NOT_COVERED)).extracting(Problem::key)
        .containsExactlyInAnyOrderElementsOf(notCovered);
    assertThat(witnessed.problems(ProblemKind.LOG_FILE_NOT_COVERED)).extracting(Problem::message)
        .allSatisfy(m -> assertThat(m).contains("truncated"));
    assertThat(witnessed.problems(ProblemKind.LOG_FILE_NOT_YET_COVERED)).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo(afterTheTail);
      assertThat(p.message()).isEqualTo("delivered after the newest witnessed digest, which ends at "
          + "2026-03-02T10:30:30Z; the next digest will list it");
    });
    assertThat(witnessed.isClean()).isFalse();

    // Without the witness the deleted tail looks like a running trail: the known weakness witnesses close.
    ValidationReport unwitnessed = validate(List.of());
    assertThat(unwitnessed.isClean()).isTrue();
    assertThat(unwitnessed.problems()).extracting(Problem::kind).containsOnly(ProblemKind.LOG_FILE_NOT_YET_COVERED);
  }
}
