package io.orgtrail.integrity;

import static io.orgtrail.integrity.OrgTrail.A_EAST;
import static io.orgtrail.integrity.OrgTrail.A_WEST;
import static io.orgtrail.integrity.OrgTrail.B_EAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.minio.RemoveObjectArgs;
import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.store.MinioStore;
import io.orgtrail.testkit.MinioExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same trail on a real MinIO: listings, signature metadata carried as x-amz-meta- headers, deletes and
 * overwrites through S3, and a tail truncation seen through witnesses.
 */
class MinioValidationTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();
  @TempDir static Path keyDir;
  static TestKeys keys;

  @BeforeAll
  static void keys() throws Exception {
    keys = TestKeys.create(keyDir);
  }

  private static OrgTrail trailIn(String bucket) throws Exception {
    MinioStore store = MinioStore.builder()
        .endpoint(minio.server().endpoint())
        .credentials(minio.server().accessKey(), minio.server().secretKey())
        .bucket(bucket)
        .build()
        .open();
    return OrgTrail.write(store, key -> store.client().removeObject(
        RemoveObjectArgs.builder().bucket(bucket).object(key).build()), keys.first());
  }

  @Test
  void untouchedTrailIsClean() throws Exception {
    OrgTrail org = trailIn("trail-clean");
    List<ChainHead> witnesses = org.chains.values().stream().map(c -> c.head(c.newest())).toList();

    ValidationReport report = org.validator(keys.publicKeys()).witnesses(witnesses).build()
        .validate(OrgTrail.request());

    assertThat(report.problems()).isEmpty();
    assertThat(report.chains()).containsExactly(A_WEST, A_EAST, B_EAST);
    assertThat(report.counts().digestsValid()).isEqualTo(12);
    assertThat(report.counts().logFilesValid()).isEqualTo(22);
    assertThat(report.counts().witnessesChecked()).isEqualTo(3);
  }

  @Test
  void tamperingInSeveralChainsIsEachDetected() throws Exception {
    OrgTrail org = trailIn("trail-tampered");
    List<ChainHead> witnesses = org.chains.values().stream().map(c -> c.head(c.newest())).toList();
    ChainWriter aEast = org.chain(A_EAST);
    ChainWriter aWest = org.chain(A_WEST);
    ChainWriter bEast = org.chain(B_EAST);

    ChainWriter.Written resigned = aEast.digest(1);
    org.setMetadata(resigned.key(), Map.of("signature", "00" + resigned.signature().substring(2),
        "signature-algorithm", "SHA256withRSA"));
    String deletedLog = bEast.digest(2).logFileKeys().get(0);
    org.delete(deletedLog);
    String addedLog = aWest.deliverLogFile(OrgTrail.start(1).plus(Duration.ofMinutes(5))).s3Object();
    org.delete(aWest.newest().key());

    ValidationReport report = org.validator(keys.publicKeys()).witnesses(witnesses).build()
        .validate(OrgTrail.request());

    List<Tuple> expected = new ArrayList<>(List.of(
        tuple(ProblemKind.DIGEST_INVALID, resigned.key()),
        tuple(ProblemKind.LOG_FILE_MISSING, deletedLog),
        tuple(ProblemKind.LOG_FILE_UNLISTED, addedLog),
        tuple(ProblemKind.CHAIN_TRUNCATED, aWest.newest().key())));
    resigned.logFileKeys().forEach(k -> expected.add(tuple(ProblemKind.LOG_FILE_NOT_COVERED, k)));
    assertThat(report.problems()).extracting(Problem::kind, Problem::key)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.problems(ProblemKind.DIGEST_INVALID).get(0).message())
        .startsWith("signature verification failed");
    assertThat(report.isClean()).isFalse();
  }
}
