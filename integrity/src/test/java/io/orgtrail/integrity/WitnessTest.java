package io.orgtrail.integrity;

import static io.orgtrail.integrity.OrgTrail.A_EAST;
import static io.orgtrail.integrity.OrgTrail.B_EAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.DigestFile;
import io.orgtrail.store.LocalDirectoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only witnesses (signed chain heads kept by agents) reveal. */
class WitnessTest {
  @TempDir static Path keyDir;
  static TestKeys keys;

  @TempDir Path storeDir;
  OrgTrail org;
  ChainWriter chain;
  List<ChainHead> witnesses;

  @BeforeAll
  static void keys() throws Exception {
    keys = TestKeys.create(keyDir);
  }

  @BeforeEach
  void writeTrail() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(storeDir);
    org = OrgTrail.write(store, LocalStores.deleter(store), keys.first());
    chain = org.chain(A_EAST);
    // What the agents of every chain saw last, before anyone tampered with the bucket.
    witnesses = org.chains.values().stream().map(c -> c.head(c.newest())).toList();
  }

  private ValidationReport validate(List<ChainHead> heads) {
    return org.validator(keys.publicKeys()).witnesses(heads).build().validate(OrgTrail.request());
  }

  @Test
  void witnessesOfAnUntouchedTrailAgree() {
    ValidationReport report = validate(witnesses);

    assertThat(report.problems()).isEmpty();
    assertThat(report.counts().witnessesChecked()).isEqualTo(3);
  }

  @Test
  void deletedNewestDigestsGoUnnoticedWithoutWitnesses() throws Exception {
    org.delete(chain.digest(3).key());
    org.delete(chain.digest(2).key());

    ValidationReport report = validate(List.of());

    // The known weakness of the design: the chain alone looks complete, its recent log files merely "not yet
    // covered".
    assertThat(report.isClean()).isTrue();
    assertThat(report.problems()).extracting(Problem::kind).containsOnly(ProblemKind.LOG_FILE_NOT_YET_COVERED);
    assertThat(report.problems()).extracting(Problem::key).containsExactlyInAnyOrderElementsOf(
        concat(chain.digest(2).logFileKeys(), chain.digest(3).logFileKeys()));
  }

  @Test
  void deletedNewestDigestsAreShownByWitnesses() throws Exception {
    org.delete(chain.digest(3).key());
    org.delete(chain.digest(2).key());

    ValidationReport report = validate(witnesses);

    assertThat(report.isClean()).isFalse();
    assertThat(report.problems(ProblemKind.CHAIN_TRUNCATED)).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo(chain.digest(3).key());
      assertThat(p.chain()).isEqualTo(A_EAST);
      assertThat(p.line()).endsWith("\tTRUNCATED: digests up to 2026-03-02T10:40:00Z were delivered (witnessed) "
          + "but the newest digest in the bucket ends at 2026-03-02T10:20:00Z");
    });
    assertThat(report.problems(ProblemKind.LOG_FILE_NOT_COVERED)).extracting(Problem::key)
        .containsExactlyInAnyOrderElementsOf(concat(chain.digest(2).logFileKeys(), chain.digest(3).logFileKeys()));
    assertThat(report.problems(ProblemKind.LOG_FILE_NOT_COVERED).get(0).message()).contains("truncated");
    assertThat(report.problems()).extracting(Problem::kind)
        .containsOnly(ProblemKind.CHAIN_TRUNCATED, ProblemKind.LOG_FILE_NOT_COVERED);
  }

  @Test
  void aChainDeletedEntirelyIsShownByItsWitness() throws Exception {
    ChainWriter b = org.chain(B_EAST);
    for (ChainWriter.Written d : b.digests()) {
      org.delete(d.key());
      for (String log : d.logFileKeys()) {
        org.delete(log);
      }
    }

    ValidationReport report = validate(witnesses);

    assertThat(report.chains()).contains(B_EAST);
    assertThat(report.problems()).extracting(Problem::kind, Problem::key)
        .containsExactly(tuple(ProblemKind.CHAIN_TRUNCATED, b.newest().key()));
    assertThat(report.problems().get(0).message()).endsWith("but the bucket holds no digest of this chain");
  }

  @Test
  void newestDigestRewrittenWithTheTrailsKeyIsShownByItsWitness() throws Exception {
    // The newest digest has no successor to vouch for it: re-signed with the trail's own key (an insider), it is
    // valid to the AWS CLI and to the chain; only the witness still has its original hash.
    ChainWriter.Written d = chain.newest();
    DigestFile f = d.file();
    chain.sign(new DigestFile(f.awsAccountId(), f.digestStartTime(), f.digestEndTime(), f.digestS3Bucket(),
        f.digestS3Object(), f.digestPublicKeyFingerprint(), f.newestEventTime().plusSeconds(1),
        f.oldestEventTime(), f.previous(), f.logFiles()), keys.first());

    assertThat(validate(List.of()).problems()).isEmpty();
    ValidationReport report = validate(witnesses);

    assertThat(report.problems()).extracting(Problem::kind, Problem::key).contains(
        tuple(ProblemKind.DIGEST_INVALID, d.key()));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .contains("is not the witnessed", "it was changed after delivery");
  }

  @Test
  void aForgedWitnessIsItselfReported() {
    ChainHead real = witnesses.get(0);
    ChainHead forged = new ChainHead(real.accountId(), real.region(), real.digestS3Bucket(), real.digestS3Object(),
        "2026-03-02T23:00:00Z", real.digestHashValue(), real.signature(), real.previousSignature(),
        real.fingerprint());

    ValidationReport report = validate(List.of(forged));

    assertThat(report.problems()).extracting(Problem::kind).containsExactly(ProblemKind.WITNESS_INVALID);
    assertThat(report.problems().get(0).message()).startsWith("signature verification failed");
    assertThat(report.counts().witnessesInvalid()).isEqualTo(1);
  }

  @Test
  void aWitnessOfAnotherBucketIsReported() {
    ChainHead real = witnesses.get(0);
    ChainHead other = new ChainHead(real.accountId(), real.region(), "another-bucket", real.digestS3Object(),
        real.digestEndTime(), real.digestHashValue(), real.signature(), real.previousSignature(),
        real.fingerprint());

    ValidationReport report = validate(List.of(other));

    assertThat(report.problems()).extracting(Problem::kind).containsExactly(ProblemKind.WITNESS_INVALID);
  }

  @Test
  void readsWitnessFilesFromADirectoryTree(@TempDir Path dir) throws IOException {
    witnesses.get(0).write(dir.resolve("a.json"));
    Files.createDirectories(dir.resolve("agents/b"));
    witnesses.get(1).write(dir.resolve("agents/b/head.json"));
    witnesses.get(2).write(dir.resolve("agents/c.json"));
    Files.writeString(dir.resolve("agents/README.txt"), "not a witness");

    assertThat(Witnesses.read(dir)).containsExactlyInAnyOrderElementsOf(witnesses);
    assertThat(Witnesses.read(dir.resolve("a.json"))).containsExactly(witnesses.get(0));
  }

  @Test
  void aWitnessFileThatIsNotAChainHeadIsNamed(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.json"), "{not json");

    assertThatThrownBy(() -> Witnesses.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("broken.json");
    assertThatThrownBy(() -> Witnesses.read(dir.resolve("absent"))).isInstanceOf(IOException.class)
        .hasMessageContaining("does not exist");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
