package io.orgtrail.store.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.credentials.StaticProvider;
import io.minio.errors.ErrorResponseException;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Temporary credentials from MinIO's own STS, issued in the name of a read-only user with a session policy that
 * narrows them to one prefix: MinIO itself refuses everything else.
 */
class MinioStsTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();
  private static final String BUCKET = "sts-test";
  private static final String OWN = "AWSLogs/o-test123456/111111111111/";
  private static final String OTHER = "AWSLogs/o-test123456/222222222222/";
  private static final String READER = "orgtrail-reader";
  private static final String READER_SECRET = "reader-secret-0123456789";
  private static final String READ_ALL = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket","s3:GetBucketLocation"],
      "Resource":["arn:aws:s3:::sts-test","arn:aws:s3:::sts-test/*"]}]}""";
  private static final String OWN_ONLY = """
      {"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::sts-test/%1$s*"},
      {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::sts-test","Condition":{"StringLike":{"s3:prefix":["%1$s","%1$s*"]}}},
      {"Effect":"Allow","Action":"s3:GetBucketLocation","Resource":"arn:aws:s3:::sts-test"}]}"""
      .formatted(OWN).replace("\n", "");

  @BeforeAll
  static void bucketWithTwoAccountsAndAReader() throws Exception {
    MinioServer server = minio.server();
    try (MinioStore root = MinioStore.builder().endpoint(server.endpoint())
        .credentials(server.accessKey(), server.secretKey()).bucket(BUCKET).build()) {
      root.put(new PutObject(OWN + "own.json", "own".getBytes(StandardCharsets.UTF_8), "application/json", null, java.util.Map.of()));
      root.put(new PutObject(OTHER + "other.json", "other".getBytes(StandardCharsets.UTF_8), "application/json", null, java.util.Map.of()));
    }
    new MinioUsers(server.endpoint(), server.accessKey(), server.secretKey())
        .ensureUser(READER, READER_SECRET, "orgtrail-read-all", READ_ALL);
  }

  private static MinioSts sts(String secret) {
    return MinioSts.builder().endpoint(minio.server().endpoint()).credentials(READER, secret).build();
  }

  private static MinioStore storeWith(TemporaryCredentials c) {
    return MinioStore.builder().endpoint(minio.server().endpoint()).region("us-east-1")
        .credentials(c.accessKeyId(), c.secretAccessKey()).sessionToken(c.sessionToken())
        .bucket(BUCKET).readOnly(true).build();
  }

  @Test
  void sessionCredentialsReadTheirPrefixAndMinioRefusesEverythingElse() throws Exception {
    Instant before = Instant.now();
    TemporaryCredentials credentials = sts(READER_SECRET).assumeRole(OWN_ONLY, Duration.ofMinutes(15));
    assertThat(credentials.expiration()).isBetween(before.plus(Duration.ofMinutes(14)), before.plus(Duration.ofMinutes(16)));
    assertThat(credentials.toString()).doesNotContain(credentials.secretAccessKey()).doesNotContain(credentials.sessionToken());

    try (MinioStore member = storeWith(credentials)) {
      assertThat(member.list(OWN)).extracting(ObjectInfo::key).containsExactly(OWN + "own.json");
      assertThat(member.get(OWN + "own.json")).hasValueSatisfying(o -> assertThat(o.content()).asString().isEqualTo("own"));

      assertThatThrownBy(() -> member.get(OTHER + "other.json")).isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
      assertThatThrownBy(() -> member.list(OTHER)).isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
      assertThatThrownBy(() -> member.list("")).isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
      assertThatThrownBy(() -> member.list("AWSLogs/o-test123456/")).isInstanceOf(StoreException.class).hasMessageContaining("AccessDenied");
      assertThatThrownBy(() -> member.put(new PutObject(OWN + "x.json", new byte[] {1}, "application/json", null, java.util.Map.of())))
          .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
    }
    // Not only our read-only store: MinIO itself refuses writes and deletes with these credentials.
    MinioClient raw = MinioClient.builder().endpoint(minio.server().endpoint()).region("us-east-1")
        .credentialsProvider(new StaticProvider(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()))
        .build();
    assertThatThrownBy(() -> raw.putObject(PutObjectArgs.builder().bucket(BUCKET).object(OWN + "planted.json")
        .stream(new ByteArrayInputStream(new byte[] {1}), 1, -1).build()))
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> raw.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(OWN + "own.json").build()))
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
  }

  @Test
  void theReaderItselfCannotWriteSoNoSessionPolicyCanGrantWrites() throws Exception {
    String writeAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::*\"}]}";
    TemporaryCredentials credentials = sts(READER_SECRET).assumeRole(writeAll, Duration.ofMinutes(15));
    MinioClient raw = MinioClient.builder().endpoint(minio.server().endpoint()).region("us-east-1")
        .credentialsProvider(new StaticProvider(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()))
        .build();
    assertThatThrownBy(() -> raw.putObject(PutObjectArgs.builder().bucket(BUCKET).object(OWN + "planted.json")
        .stream(new ByteArrayInputStream(new byte[] {1}), 1, -1).build()))
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
  }

  @Test
  void refusalsSayWhatWasWrong() {
    assertThatThrownBy(() -> sts("wrong-secret-0123456789").assumeRole(OWN_ONLY, Duration.ofMinutes(15)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refused AssumeRole for access key " + READER)
        .hasMessageContaining("HTTP 403");
    assertThatThrownBy(() -> sts(READER_SECRET).assumeRole("{\"Statement\":[]}", Duration.ofMinutes(15)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("Version");
    assertThatThrownBy(() -> sts(READER_SECRET).assumeRole(OWN_ONLY, Duration.ofMinutes(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15 minutes");
  }

  @Test
  void aClockFarFromMinIOsGetsTheSignatureRefused() {
    MinioSts skewed = MinioSts.builder().endpoint(minio.server().endpoint()).credentials(READER, READER_SECRET)
        .clock(Clock.fixed(Instant.now().minus(Duration.ofHours(2)), java.time.ZoneOffset.UTC)).build();
    assertThatThrownBy(() -> skewed.assumeRole(OWN_ONLY, Duration.ofMinutes(15)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refused AssumeRole");
  }
}
