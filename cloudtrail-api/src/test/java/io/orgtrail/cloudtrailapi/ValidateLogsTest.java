package io.orgtrail.cloudtrailapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.orgtrail.format.digest.DigestFile;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.digest.SigningKeyRing;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.testkit.MinioServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server is for: the unmodified {@code aws cloudtrail validate-logs} validating an organization trail's
 * digest chain in a real MinIO, across a key rotation, finding the bucket, prefix, organization id and both keys
 * through this API.
 */
class ValidateLogsTest {
  private static final String MEMBER_ACCOUNT = "222233334444";
  private static final String REGION = "us-east-1";
  private static final Instant HOUR_1 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant HOUR_2 = Instant.parse("2025-03-01T11:00:00Z");
  private static final Instant HOUR_3 = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant ROTATED = Instant.parse("2025-03-01T11:30:00Z");

  @TempDir Path dir;

  private final SecureRandom random = new SecureRandom();
  private final TrailLayout layout = new TrailLayout(TestTrail.PREFIX, TestTrail.ORG_ID);

  /** A digest as it is stored: its key, uncompressed JSON and signature. */
  private record StoredDigest(String key, byte[] json, String signature) {}

  @Test
  void theAwsCliValidatesADigestChainSignedByTwoKeys() throws Exception {
    Path keyFile = dir.resolve("digest-keys.json");
    SigningKeyRing ring = SigningKeyRing.loadOrCreate(keyFile, Clock.fixed(HOUR_1, ZoneOffset.UTC), random);

    try (MinioServer minio = MinioServer.startInTempDir();
        CloudTrailApiServer api = CloudTrailApiServer.builder()
            .trail(TestTrail.description())
            .publicKeysFromKeyRing(keyFile)
            .build()
            .start()) {
      MinioClient s3 = minio.newClient();
      s3.makeBucket(MakeBucketArgs.builder().bucket(TestTrail.BUCKET).build());

      String logKey = layout.logFileKey(MEMBER_ACCOUNT, REGION, Instant.parse("2025-03-01T10:20:00Z"),
          "AbCdEfGh12345678");
      byte[] log = ("{\"Records\":[{\"eventVersion\":\"1.08\",\"eventTime\":\"2025-03-01T10:14:00Z\","
          + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\","
          + "\"recipientAccountId\":\"222233334444\"}]}").getBytes(StandardCharsets.UTF_8);
      put(s3, logKey, gzip(log), Map.of());

      Instant eventTime = Instant.parse("2025-03-01T10:14:00Z");
      StoredDigest first = writeDigest(s3, ring, HOUR_1, HOUR_2, null,
          List.of(new DigestFile.LogFileEntry(TestTrail.BUCKET, logKey, DigestSignature.sha256Hex(log),
              eventTime, eventTime)));
      ring = ring.rotate(Clock.fixed(ROTATED, ZoneOffset.UTC), random);
      StoredDigest second = writeDigest(s3, ring, HOUR_2, HOUR_3, first, List.of());

      AwsCli aws = AwsCli.withEnv(dir, Map.of(
          "AWS_ENDPOINT_URL_CLOUDTRAIL", api.endpoint().toString(),
          "AWS_ENDPOINT_URL_ORGANIZATIONS", api.endpoint().toString(),
          "AWS_ENDPOINT_URL_S3", minio.endpoint(),
          "AWS_ACCESS_KEY_ID", minio.accessKey(),
          "AWS_SECRET_ACCESS_KEY", minio.secretKey()));
      AwsCli.Result result = aws.run("cloudtrail", "validate-logs", "--trail-arn", TestTrail.ARN,
          "--account-id", MEMBER_ACCOUNT, "--start-time", "2025-03-01T09:00:00Z",
          "--end-time", "2025-03-01T13:00:00Z", "--verbose");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.stdout())
          .contains("Digest file\ts3://" + TestTrail.BUCKET + "/" + first.key() + "\tvalid")
          .contains("Digest file\ts3://" + TestTrail.BUCKET + "/" + second.key() + "\tvalid")
          .contains("Log file\ts3://" + TestTrail.BUCKET + "/" + logKey + "\tvalid")
          .contains("2/2 digest files valid")
          .contains("1/1 log files valid")
          .doesNotContain("INVALID");
    }
  }

  private StoredDigest writeDigest(MinioClient s3, SigningKeyRing ring, Instant start, Instant end,
      StoredDigest previous, List<DigestFile.LogFileEntry> logFiles) throws Exception {
    String key = layout.digestKey(MEMBER_ACCOUNT, REGION, TestTrail.NAME, end);
    DigestFile digest = new DigestFile(MEMBER_ACCOUNT, start, end, TestTrail.BUCKET, key,
        ring.active().fingerprint(),
        logFiles.isEmpty() ? null : logFiles.get(0).newestEventTime(),
        logFiles.isEmpty() ? null : logFiles.get(0).oldestEventTime(),
        previous == null ? null : new DigestFile.PreviousDigest(TestTrail.BUCKET, previous.key(),
            DigestSignature.sha256Hex(previous.json()), previous.signature()),
        logFiles);
    byte[] json = digest.toJson();
    String signature = DigestSignature.sign(ring.active().privateKey(), DigestSignature.stringToSign(
        end.toString(), TestTrail.BUCKET, key, json, previous == null ? null : previous.signature()));
    put(s3, key, gzip(json), Map.of("signature", signature, "signature-algorithm", DigestSignature.ALGORITHM));
    return new StoredDigest(key, json, signature);
  }

  private static void put(MinioClient s3, String key, byte[] content, Map<String, String> metadata) throws Exception {
    s3.putObject(PutObjectArgs.builder()
        .bucket(TestTrail.BUCKET)
        .object(key)
        .stream(new ByteArrayInputStream(content), content.length, -1)
        .contentType("application/json")
        .userMetadata(metadata)
        .build());
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
