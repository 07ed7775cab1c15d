package io.orgtrail.integrity;

import static io.orgtrail.integrity.OrgTrail.A_EAST;
import static io.orgtrail.integrity.OrgTrail.A_WEST;
import static io.orgtrail.integrity.OrgTrail.B_EAST;
import static io.orgtrail.integrity.OrgTrail.T0;
import static io.orgtrail.integrity.OrgTrail.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.orgtrail.format.digest.ChainId;
import io.orgtrail.store.LocalDirectoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which chains and which time range a validation covers, chain gaps, and log files no chain covers. */
class ChainScopeTest {
  @TempDir static Path keyDir;
  static TestKeys keys;

  @TempDir Path storeDir;
  LocalDirectoryStore store;
  OrgTrail org;

  @BeforeAll
  static void keys() throws Exception {
    keys = TestKeys.create(keyDir);
  }

  @BeforeEach
  void writeTrail() throws Exception {
    store = new LocalDirectoryStore(storeDir);
    org = OrgTrail.write(store, LocalStores.deleter(store), keys.first());
  }

  private ValidationReport validate(ValidationRequest request) {
    return org.validator(keys.publicKeys()).build().validate(request);
  }

  @Test
  void everyAccountAndRegionIsFoundWhenNoneIsGiven() {
    ValidationReport report = validate(OrgTrail.request());

    assertThat(report.chains()).containsExactly(A_WEST, A_EAST, B_EAST);
    assertThat(report.foundStart()).isEqualTo(T0);
    assertThat(report.foundEnd()).isEqualTo(start(4));
  }

  @Test
  void onlyTheGivenAccounts() {
    ValidationReport report = validate(new ValidationRequest(Set.of(B_EAST.accountId()), Set.of(), T0, start(4)));

    assertThat(report.chains()).containsExactly(B_EAST);
    assertThat(report.counts().digestsValid()).isEqualTo(4);
    assertThat(report.isClean()).isTrue();
  }

  @Test
  void onlyTheGivenAccountsAndRegions() {
    ValidationReport report = validate(
        new ValidationRequest(Set.of(A_WEST.accountId()), Set.of(A_WEST.region()), T0, start(4)));

    assertThat(report.chains()).containsExactly(A_WEST);
    assertThat(report.counts().digestsValid()).isEqualTo(4);
    assertThat(report.counts().logFilesValid()).isEqualTo(6);
  }

  @Test
  void onlyTheGivenRegionsOfEveryAccount() {
    ValidationReport report = validate(new ValidationRequest(Set.of(), Set.of("us-east-1"), T0, start(4)));

    assertThat(report.chains()).containsExactly(A_EAST, B_EAST);
  }

  @Test
  void rangeSelectsDigestsAsTheAwsCliDoes() {
    // Digests whose key end time is in [start, end + 1 h], walked back until one starts before the start.
    ValidationReport report = validate(
        new ValidationRequest(Set.of(A_EAST.accountId()), Set.of(A_EAST.region()), start(2), start(3)));

    assertThat(report.counts().digestsValid()).isEqualTo(3);
    assertThat(report.counts().logFilesValid()).isEqualTo(6);
    assertThat(report.foundStart()).isEqualTo(start(2));
    assertThat(report.foundEnd()).isEqualTo(start(3));
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void nothingInTheBucketForTheRequest() {
    ValidationReport report = validate(new ValidationRequest(Set.of("777788889999"), Set.of(), T0, start(4)));

    assertThat(report.chains()).isEmpty();
    assertThat(report.counts().digests()).isZero();
    assertThat(report.isClean()).isTrue();
  }

  @Test
  void startAfterEndIsRefused() {
    assertThatThrownBy(() -> ValidationRequest.all(start(2), start(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start-time");
  }

  @Test
  void aGapBetweenTwoChainsIsReportedButClean() throws Exception {
    ChainId chain = new ChainId("555566667777", "us-west-2");
    ChainWriter writer = org.writer(chain, new SplittableRandom(3));
    writer.period(start(0), start(1), keys.first(), 1);
    writer.period(start(1), start(2), keys.first(), 1);
    writer.stopLogging();
    writer.period(start(3), start(4), keys.first(), 1);

    ValidationReport report = validate(OrgTrail.request());

    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ProblemKind.CHAIN_GAP);
      assertThat(p.key()).isEqualTo(writer.digest(2).key());
      assertThat(p.line()).isEqualTo("No log files were delivered by CloudTrail between 2026-03-02T10:20:00Z and "
          + "2026-03-02T10:30:00Z (account 555566667777 in us-west-2)");
    });
    assertThat(report.isClean()).isTrue();
    assertThat(report.counts().chainGaps()).isEqualTo(1);
    assertThat(report.counts().digestsValid()).isEqualTo(15);
  }

  @Test
  void aLogFileDeliveredInAGapCannotBeVerified() throws Exception {
    ChainId chain = new ChainId("555566667777", "us-west-2");
    ChainWriter writer = org.writer(chain, new SplittableRandom(3));
    writer.period(start(0), start(1), keys.first(), 1);
    writer.stopLogging();
    writer.period(start(2), start(3), keys.first(), 1);
    String inGap = writer.deliverLogFile(start(1).plus(Duration.ofMinutes(4))).s3Object();

    ValidationReport report = validate(OrgTrail.request());

    assertThat(report.problems(ProblemKind.LOG_FILE_NOT_COVERED)).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo(inGap);
      assertThat(p.message()).contains("a gap between two digest chains");
    });
    assertThat(report.isClean()).isFalse();
  }

  @Test
  void aRegionWithLogFilesButNoDigestIsReported() throws Exception {
    ChainId chain = new ChainId(A_EAST.accountId(), "ap-south-1");
    ChainWriter writer = org.writer(chain, new SplittableRandom(5));
    String first = writer.deliverLogFile(start(1)).s3Object();
    String second = writer.deliverLogFile(start(2)).s3Object();

    ValidationReport report = validate(OrgTrail.request());

    assertThat(report.chains()).contains(chain);
    assertThat(report.problems()).extracting(Problem::kind, Problem::key).containsExactlyInAnyOrder(
        tuple(ProblemKind.LOG_FILE_NOT_COVERED, first),
        tuple(ProblemKind.LOG_FILE_NOT_COVERED, second));
    assertThat(report.problems().get(0).message())
        .isEqualTo("no digest of the trail exists for account 111122223333 in ap-south-1");
  }

  @Test
  void logFilesDeliveredAfterTheNewestDigestAreNotYetCovered() throws Exception {
    String recent = org.chain(B_EAST).deliverLogFile(start(4).plus(Duration.ofMinutes(3))).s3Object();

    ValidationReport report = validate(ValidationRequest.all(T0, start(5)));

    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ProblemKind.LOG_FILE_NOT_YET_COVERED);
      assertThat(p.key()).isEqualTo(recent);
    });
    assertThat(report.isClean()).isTrue();
  }

  @Test
  void anObjectUnderTheLogPrefixThatIsNotALogFileIsAnAddedFile() throws Exception {
    String odd = OrgTrail.LAYOUT.logFilePrefix(A_EAST.accountId(), A_EAST.region()) + "2026/03/02/notes.json.gz";
    store.put(io.orgtrail.store.PutObject.gzipJson(odd, ChainWriter.gzip("{\"Records\":[]}".getBytes())));

    // The object's delivery time is its last-modified time (now), so the range must include now.
    ValidationReport report = validate(ValidationRequest.all(T0, java.time.Instant.now().plusSeconds(60)));

    assertThat(report.problems()).filteredOn(p -> p.key().equals(odd)).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ProblemKind.LOG_FILE_UNLISTED);
      assertThat(p.message()).isEqualTo("not listed in any digest (its name is not a CloudTrail log file name)");
    });
  }

  @Test
  void witnessesOfOtherAccountsAreIgnored() {
    ValidationReport report = org.validator(keys.publicKeys())
        .witnesses(List.of(org.chain(A_EAST).head(org.chain(A_EAST).newest())))
        .build()
        .validate(new ValidationRequest(Set.of(B_EAST.accountId()), Set.of(), T0, start(4)));

    assertThat(report.chains()).containsExactly(B_EAST);
    assertThat(report.counts().witnessesChecked()).isZero();
  }
}
