package io.orgtrail.integrity;

import static io.orgtrail.integrity.OrgTrail.A_EAST;
import static io.orgtrail.integrity.OrgTrail.LAYOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.orgtrail.format.digest.DigestFile;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.store.LocalDirectoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way of tampering with a trail, on a real local directory store, detected with the right kind and key. The
 * tampering is always in the chain of account A in us-east-1; the other two chains must stay clean.
 */
class TamperDetectionTest {
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
  void writeTrail() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(storeDir);
    org = OrgTrail.write(store, LocalStores.deleter(store), keys.first());
    chain = org.chain(A_EAST);
  }

  private ValidationReport validate() {
    return validate(keys.publicKeys());
  }

  private ValidationReport validate(List<PublicKeyInfo> publicKeys) {
    return org.validator(publicKeys).build().validate(OrgTrail.request());
  }

  /** (kind, key) of every problem, errors and information. */
  private static List<org.assertj.core.groups.Tuple> problems(ValidationReport report) {
    return report.problems().stream().map(p -> tuple(p.kind(), p.key())).toList();
  }

  private List<org.assertj.core.groups.Tuple> notCovered(int digest) {
    return chain.digest(digest).logFileKeys().stream()
        .map(k -> tuple(ProblemKind.LOG_FILE_NOT_COVERED, k)).toList();
  }

  private static List<org.assertj.core.groups.Tuple> plus(org.assertj.core.groups.Tuple first,
      List<org.assertj.core.groups.Tuple> rest) {
    List<org.assertj.core.groups.Tuple> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  @Test
  void untouchedTrailIsClean() {
    ValidationReport report = validate();

    assertThat(report.problems()).isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(report.counts().digestsValid()).isEqualTo(12);
    assertThat(report.counts().logFilesValid()).isEqualTo(22);
  }

  @Test
  void changedLogFileBytes() throws Exception {
    String key = chain.digest(1).logFileKeys().get(0);
    org.replace(key, chain.logFile(OrgTrail.start(1), 3).gzipped());

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.LOG_FILE_INVALID, key));
    assertThat(report.problems().get(0).message()).isEqualTo("hash value doesn't match");
    assertThat(report.isClean()).isFalse();
    assertThat(report.counts().logFilesInvalid()).isEqualTo(1);
  }

  @Test
  void dataAppendedAfterTheGzipStream() throws Exception {
    String key = chain.digest(2).logFileKeys().get(1);
    byte[] original = org.get(key).content();
    byte[] appended = java.util.Arrays.copyOf(original, original.length + 20);
    System.arraycopy(ChainWriter.gzip("{}".getBytes()), 0, appended, original.length, 20);
    org.replace(key, appended);

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.LOG_FILE_INVALID, key));
    assertThat(report.problems().get(0).message()).isEqualTo("unexpected data after end of compressed stream");
  }

  @Test
  void deletedLogFile() throws Exception {
    String key = chain.digest(0).logFileKeys().get(1);
    org.delete(key);

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.LOG_FILE_MISSING, key));
    assertThat(report.problems().get(0).line()).isEqualTo("Log file\ts3://orgtrail/" + key + "\tINVALID: not found");
    assertThat(report.counts().logFilesMissing()).isEqualTo(1);
  }

  @Test
  void addedLogFileThatNoDigestLists() throws Exception {
    String added = chain.deliverLogFile(OrgTrail.start(1).plus(Duration.ofMinutes(5))).s3Object();

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.LOG_FILE_UNLISTED, added));
    assertThat(report.problems().get(0).message()).isEqualTo("not listed in any digest");
    assertThat(report.isClean()).isFalse();
  }

  @Test
  void logFileCopiedToAnotherKey() throws Exception {
    String original = chain.digest(1).logFileKeys().get(0);
    String copy = LAYOUT.logFileKey(A_EAST.accountId(), A_EAST.region(), OrgTrail.start(2).plusSeconds(240),
        "CopyCopyCopy0001");
    org.copy(original, copy);

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.LOG_FILE_COPIED, copy));
    assertThat(report.problems().get(0).message()).isEqualTo("not listed in any digest: copied from " + original);
  }

  @Test
  void logFileMovedToAnotherKey() throws Exception {
    String original = chain.digest(1).logFileKeys().get(0);
    String moved = LAYOUT.logFileKey(A_EAST.accountId(), A_EAST.region(), OrgTrail.start(1).plusSeconds(500),
        "MovedMovedMoved1");
    org.copy(original, moved);
    org.delete(original);

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactlyInAnyOrder(
        tuple(ProblemKind.LOG_FILE_MISSING, original), tuple(ProblemKind.LOG_FILE_MOVED, moved));
    assertThat(report.problems(ProblemKind.LOG_FILE_MOVED).get(0).message())
        .isEqualTo("not listed in any digest: moved from " + original);
  }

  @Test
  void changedDigest() throws Exception {
    ChainWriter.Written d = chain.digest(1);
    DigestFile f = d.file();
    DigestFile fewerFiles = new DigestFile(f.awsAccountId(), f.digestStartTime(), f.digestEndTime(),
        f.digestS3Bucket(), f.digestS3Object(), f.digestPublicKeyFingerprint(), f.newestEventTime(),
        f.oldestEventTime(), f.previous(), f.logFiles().subList(1, 2));
    org.replace(d.key(), ChainWriter.gzip(fewerFiles.toJson()));

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_INVALID, d.key()), notCovered(1)));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .startsWith("signature verification failed")
        .contains("is not the previousDigestHashValue");
    assertThat(report.counts().digestsValid()).isEqualTo(11);
  }

  @Test
  void digestChangedAndReSignedWithTheTrailsOwnKeyBreaksTheChainLink() throws Exception {
    // An insider with the signing key rewrites a middle digest: its own signature is valid, and the next digest's
    // signature too (the AWS CLI accepts both); only the next digest's previousDigestHashValue shows it.
    ChainWriter.Written d = chain.digest(1);
    DigestFile f = d.file();
    chain.sign(new DigestFile(f.awsAccountId(), f.digestStartTime(), f.digestEndTime(), f.digestS3Bucket(),
        f.digestS3Object(), f.digestPublicKeyFingerprint(), f.newestEventTime(), f.oldestEventTime(), f.previous(),
        f.logFiles().subList(0, 1)), keys.first());

    ValidationReport report = validate();

    String dropped = d.logFileKeys().get(1);
    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_INVALID, d.key()), notCovered(1)));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .doesNotContain("signature verification failed")
        .contains("is not the previousDigestHashValue", "is not the previousDigestSignature", chain.digest(2).key());
    assertThat(report.problems(ProblemKind.LOG_FILE_NOT_COVERED)).extracting(Problem::key).contains(dropped);
  }

  @Test
  void deletedDigestInTheMiddleOfTheChain() throws Exception {
    String deleted = chain.digest(1).key();
    org.delete(deleted);

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_MISSING, deleted), notCovered(1)));
    assertThat(report.problems(ProblemKind.DIGEST_MISSING).get(0).message()).isEqualTo("not found");
    assertThat(report.counts().digestsValid()).isEqualTo(11);
    assertThat(report.counts().digestsMissing()).isEqualTo(1);
  }

  @Test
  void twoConsecutiveDigestsDeleted() throws Exception {
    org.delete(chain.digest(1).key());
    org.delete(chain.digest(2).key());

    ValidationReport report = validate();

    List<org.assertj.core.groups.Tuple> expected = new ArrayList<>(List.of(
        tuple(ProblemKind.DIGEST_MISSING, chain.digest(2).key()),
        tuple(ProblemKind.DIGEST_MISSING, chain.digest(1).key())));
    expected.addAll(notCovered(1));
    expected.addAll(notCovered(2));
    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.problems(ProblemKind.DIGEST_MISSING)).extracting(Problem::message).containsExactly(
        "not found",
        "not found (inferred: " + chain.digest(2).key() + " is missing and should start at 2026-03-02T10:20:00Z, "
            + "one period of 10 min before its end, but the next older digest in the bucket, "
            + chain.digest(0).key() + ", ends at 2026-03-02T10:10:00Z: more than one digest is missing)");
    assertThat(report.counts().digestsMissing()).isEqualTo(2);
  }

  @Test
  void digestReSignedWithAKeyTheTrailNeverHad() throws Exception {
    ChainWriter.Written d = chain.digest(2);
    DigestFile f = d.file();
    chain.sign(new DigestFile(f.awsAccountId(), f.digestStartTime(), f.digestEndTime(), f.digestS3Bucket(),
        f.digestS3Object(), keys.stranger.fingerprint(), f.newestEventTime(), f.oldestEventTime(), f.previous(),
        f.logFiles()), keys.stranger);

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_INVALID, d.key()), notCovered(2)));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .isEqualTo("public key not found in region us-east-1 for fingerprint " + keys.stranger.fingerprint());
  }

  @Test
  void digestReSignedWithAListedKeyOutsideItsValidity() throws Exception {
    ChainWriter.Written d = chain.digest(2);
    DigestFile f = d.file();
    chain.sign(new DigestFile(f.awsAccountId(), f.digestStartTime(), f.digestEndTime(), f.digestS3Bucket(),
        f.digestS3Object(), keys.stranger.fingerprint(), f.newestEventTime(), f.oldestEventTime(), f.previous(),
        f.logFiles()), keys.stranger);
    List<PublicKeyInfo> publicKeys = new ArrayList<>(keys.publicKeys());
    publicKeys.add(PublicKeyInfo.of(keys.stranger.publicKey(), OrgTrail.T0.plus(Duration.ofHours(5)), null));

    ValidationReport report = validate(publicKeys);

    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_INVALID, d.key()), notCovered(2)));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .doesNotContain("signature verification failed")
        .contains("before the key became valid", "is not the previousDigestSignature");
  }

  @Test
  void alteredSignatureMetadata() throws Exception {
    ChainWriter.Written d = chain.digest(1);
    String flipped = (d.signature().charAt(0) == '0' ? "1" : "0") + d.signature().substring(1);
    org.setMetadata(d.key(), Map.of("signature", flipped, "signature-algorithm", "SHA256withRSA"));

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_INVALID, d.key()), notCovered(1)));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).line())
        .startsWith("Digest file\ts3://orgtrail/" + d.key() + "\tINVALID: signature verification failed");
  }

  @Test
  void alteredSignatureAlgorithmMetadata() throws Exception {
    ChainWriter.Written d = chain.digest(3);
    org.setMetadata(d.key(), Map.of("signature", d.signature(), "signature-algorithm", "SHA1withRSA"));

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_INVALID, d.key()), notCovered(3)));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .isEqualTo("its signature-algorithm metadata is 'SHA1withRSA', not SHA256withRSA");
  }

  @Test
  void removedSignatureMetadata() throws Exception {
    ChainWriter.Written d = chain.digest(2);
    org.setMetadata(d.key(), Map.of("signature-algorithm", "SHA256withRSA"));

    ValidationReport report = validate();

    assertThat(problems(report)).contains(tuple(ProblemKind.DIGEST_INVALID, d.key()));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .startsWith("signature verification failed");
  }

  @Test
  void digestMovedFromWhereItWasWritten() throws Exception {
    ChainWriter.Written d = chain.digest(1);
    String elsewhere = OrgTrail.LAYOUT.digestKey(A_EAST.accountId(), A_EAST.region(), OrgTrail.TRAIL,
        d.end().plusSeconds(1));
    org.copy(d.key(), elsewhere);
    org.delete(d.key());

    ValidationReport report = validate();

    assertThat(problems(report)).contains(tuple(ProblemKind.DIGEST_MISSING, d.key()));
    assertThat(report.problems()).filteredOn(p -> p.key().equals(elsewhere)).singleElement()
        .satisfies(p -> {
          assertThat(p.kind()).isEqualTo(ProblemKind.DIGEST_INVALID);
          assertThat(p.message()).startsWith("has been moved from its original location");
        });
  }

  @Test
  void digestThatIsNotJson() throws Exception {
    ChainWriter.Written d = chain.digest(2);
    org.replace(d.key(), ChainWriter.gzip("not a digest".getBytes()));

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactlyInAnyOrderElementsOf(
        plus(tuple(ProblemKind.DIGEST_INVALID, d.key()), notCovered(2)));
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message()).startsWith("invalid format");
  }

  @Test
  void digestNamingALogFileOfAnotherChain() throws Exception {
    // The newest digest, rewritten by an insider to also vouch for a file of another account.
    ChainWriter.Written d = chain.newest();
    DigestFile f = d.file();
    DigestFile.LogFileEntry foreign = org.chain(OrgTrail.B_EAST).digest(3).file().logFiles().get(0);
    List<DigestFile.LogFileEntry> entries = new ArrayList<>(f.logFiles());
    entries.add(foreign);
    chain.sign(new DigestFile(f.awsAccountId(), f.digestStartTime(), f.digestEndTime(), f.digestS3Bucket(),
        f.digestS3Object(), f.digestPublicKeyFingerprint(), f.newestEventTime(), f.oldestEventTime(), f.previous(),
        entries), keys.first());

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.LOG_FILE_INVALID, foreign.s3Object()));
    assertThat(report.problems().get(0).message()).startsWith("the digest names a key outside its chain's log file");
  }

  @Test
  void forkedChain() throws Exception {
    // A second digest naming the same predecessor as digest 2 does, signed with the trail's key.
    ChainWriter.Written fork = chain.writeDigest(OrgTrail.start(2), OrgTrail.start(2).plus(Duration.ofMinutes(5)),
        keys.first(), List.of(), chain.digest(1));

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.DIGEST_FORK, fork.key()));
    assertThat(report.problems().get(0).message()).contains(chain.digest(1).key(), chain.digest(2).key(),
        "its signature is valid");
  }

  @Test
  void digestThatNothingLinksTo() throws Exception {
    ChainWriter.Written orphan = chain.writeDigest(OrgTrail.start(1).plusSeconds(90),
        OrgTrail.start(1).plusSeconds(150), keys.first(), List.of(), null);

    ValidationReport report = validate();

    assertThat(problems(report)).containsExactly(tuple(ProblemKind.DIGEST_UNLINKED, orphan.key()));
  }

  @Test
  void keyRotationMidChainValidatesCleanWithBothKeys() throws Exception {
    // A fresh store: the chain of account A in us-east-1, signed with the first key, then the second.
    LocalDirectoryStore store = new LocalDirectoryStore(storeDir.resolve("rotation"));
    OrgTrail rotating = OrgTrail.empty(store, LocalStores.deleter(store));
    ChainWriter writer = rotating.writer(A_EAST, new java.util.SplittableRandom(7));
    for (int i = 0; i < OrgTrail.PERIODS; i++) {
      boolean beforeRotation = !OrgTrail.start(i + 1).isAfter(TestKeys.ROTATED_AT);
      writer.period(OrgTrail.start(i), OrgTrail.start(i + 1), beforeRotation ? keys.first() : keys.second(), 1);
    }
    assertThat(writer.digest(1).fingerprint()).isNotEqualTo(writer.digest(2).fingerprint());

    ValidationReport both = rotating.validator(keys.rotatedPublicKeys()).build().validate(OrgTrail.request());
    ValidationReport secondOnly = rotating.validator(keys.rotatedPublicKeys().subList(1, 2)).build()
        .validate(OrgTrail.request());

    assertThat(both.problems()).isEmpty();
    assertThat(both.counts().digestsValid()).isEqualTo(4);
    assertThat(secondOnly.problems(ProblemKind.DIGEST_INVALID)).extracting(Problem::key)
        .containsExactly(writer.digest(1).key(), writer.digest(0).key());
  }

  @Test
  void signatureOverTheDigestIsTheOneCloudTrailDefines() {
    // Guards the fixture: what the validator accepts must be what the reference's string to sign produces.
    ChainWriter.Written d = chain.digest(1);
    String toSign = d.file().digestEndTime().toString() + "\n" + "orgtrail/" + d.key() + "\n"
        + DigestSignature.sha256Hex(d.json()) + "\n" + chain.digest(0).signature();
    assertThat(DigestSignature.verify(keys.first().publicKey(), toSign, d.signature())).isTrue();
  }
}
