package io.orgtrail.cloudtrailapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgtrail.format.digest.DigestKeys;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.PublicKeySet;
import io.orgtrail.format.digest.SigningKeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real AWS CLI against the server: every operation the validator needs, as the CLI parses it. */
class CloudTrailApiAwsCliTest {
  private static final Instant FIRST_KEY_CREATED = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant ROTATED = Instant.parse("2025-03-05T12:00:00Z");
  private static final Instant NOW = Instant.parse("2025-03-10T08:30:15.250Z");
  private static final Instant LATEST_DELIVERY = Instant.parse("2025-03-10T08:25:00Z");
  private static final Instant LATEST_DIGEST = Instant.parse("2025-03-10T08:00:07Z");

  @TempDir Path dir;

  private final SecureRandom random = new SecureRandom();
  private Path keyFile;
  private CloudTrailApiServer server;
  private AwsCli aws;

  @BeforeEach
  void start() throws Exception {
    keyFile = dir.resolve("digest-keys.json");
    SigningKeyRing.loadOrCreate(keyFile, Clock.fixed(FIRST_KEY_CREATED, ZoneOffset.UTC), random);
    server = CloudTrailApiServer.builder()
        .listen("127.0.0.1", 0)
        .trail(TestTrail.description())
        .publicKeysFromKeyRing(keyFile)
        .status(() -> TrailStatus.logging()
            .withStartLoggingTime(FIRST_KEY_CREATED)
            .withLatestDeliveryTime(LATEST_DELIVERY)
            .withLatestDigestDeliveryTime(LATEST_DIGEST))
        .managementAccountEmail("cloud-admins@example.com")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build()
        .start();
    String endpoint = server.endpoint().toString();
    aws = AwsCli.withEnv(dir, Map.of(
        "AWS_ENDPOINT_URL_CLOUDTRAIL", endpoint,
        "AWS_ENDPOINT_URL_ORGANIZATIONS", endpoint));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void describeTrailsListsTheOrganizationTrailAsCloudTrailDoes() {
    JsonNode answer = aws.run("cloudtrail", "describe-trails", "--output", "json").json();

    assertThat(answer.get("trailList")).hasSize(1);
    JsonNode trail = answer.get("trailList").get(0);
    assertThat(trail.get("Name").asText()).isEqualTo("org-trail");
    assertThat(trail.get("S3BucketName").asText()).isEqualTo(TestTrail.BUCKET);
    assertThat(trail.get("S3KeyPrefix").asText()).isEqualTo(TestTrail.PREFIX);
    assertThat(trail.get("IncludeGlobalServiceEvents").asBoolean()).isTrue();
    assertThat(trail.get("IsMultiRegionTrail").asBoolean()).isTrue();
    assertThat(trail.get("HomeRegion").asText()).isEqualTo("us-east-1");
    assertThat(trail.get("TrailARN").asText()).isEqualTo(TestTrail.ARN);
    assertThat(trail.get("LogFileValidationEnabled").asBoolean()).isTrue();
    assertThat(trail.get("HasCustomEventSelectors").asBoolean()).isFalse();
    assertThat(trail.get("HasInsightSelectors").asBoolean()).isFalse();
    assertThat(trail.get("IsOrganizationTrail").asBoolean()).isTrue();
  }

  @Test
  void listPublicKeysAnswersTheKeysValidInTheRangeAcrossARotation() throws Exception {
    String firstFingerprint = SigningKeyRing.load(keyFile).active().fingerprint();

    List<PublicKeyInfo> beforeRotation = publicKeys(aws.run("cloudtrail", "list-public-keys", "--output", "json"));
    assertThat(beforeRotation).singleElement().satisfies(k -> {
      assertThat(k.fingerprint()).isEqualTo(firstFingerprint);
      assertThat(k.validFrom()).isEqualTo(FIRST_KEY_CREATED);
      assertThat(k.validUntil()).as("the active key is reported valid until now").isEqualTo(NOW);
    });

    // Rotated while the server runs: the next call must see the new key without a restart.
    SigningKeyRing.load(keyFile).rotate(Clock.fixed(ROTATED, ZoneOffset.UTC), random);
    String secondFingerprint = SigningKeyRing.load(keyFile).active().fingerprint();
    assertThat(secondFingerprint).isNotEqualTo(firstFingerprint);

    assertThat(publicKeys(aws.run("cloudtrail", "list-public-keys", "--output", "json")))
        .extracting(PublicKeyInfo::fingerprint).containsExactly(secondFingerprint);

    List<PublicKeyInfo> both = publicKeys(aws.run("cloudtrail", "list-public-keys", "--output", "json",
        "--start-time", "2025-03-01T00:00:00Z", "--end-time", "2025-03-06T00:00:00Z"));
    assertThat(both).extracting(PublicKeyInfo::fingerprint).containsExactly(firstFingerprint, secondFingerprint);
    assertThat(both.get(0).validFrom()).isEqualTo(FIRST_KEY_CREATED);
    assertThat(both.get(0).validUntil()).isEqualTo(ROTATED);
    assertThat(both.get(1).validFrom()).isEqualTo(ROTATED);
    assertThat(both.get(1).validUntil()).isEqualTo(NOW);

    assertThat(publicKeys(aws.run("cloudtrail", "list-public-keys", "--output", "json",
        "--start-time", "2025-03-02T00:00:00Z", "--end-time", "2025-03-03T00:00:00Z")))
        .extracting(PublicKeyInfo::fingerprint).containsExactly(firstFingerprint);
    assertThat(publicKeys(aws.run("cloudtrail", "list-public-keys", "--output", "json",
        "--start-time", "2025-03-07T00:00:00Z", "--end-time", "2025-03-08T00:00:00Z")))
        .extracting(PublicKeyInfo::fingerprint).containsExactly(secondFingerprint);
    assertThat(publicKeys(aws.run("cloudtrail", "list-public-keys", "--output", "json",
        "--start-time", "2025-02-01T00:00:00Z", "--end-time", "2025-02-02T00:00:00Z")))
        .as("no key existed before the first one was created").isEmpty();
  }

  @Test
  void describeTrailsFiltersByNameOrArnAndLeavesOutTheShadowTrailWhenAsked() {
    assertThat(aws.run("cloudtrail", "describe-trails", "--output", "json",
        "--trail-name-list", "other-trail", TestTrail.ARN).json().get("trailList"))
        .as("one of the names is the trail's ARN").hasSize(1);
    assertThat(aws.run("cloudtrail", "describe-trails", "--output", "json",
        "--trail-name-list", "org-trail").json().get("trailList"))
        .as("the trail's name").hasSize(1);
    assertThat(aws.run("cloudtrail", "describe-trails", "--output", "json",
        "--trail-name-list", "other-trail").json().get("trailList"))
        .as("only an unknown name").isEmpty();
    assertThat(aws.run("cloudtrail", "describe-trails", "--output", "json", "--region", "eu-west-1",
        "--no-include-shadow-trails").json().get("trailList"))
        .as("outside its home region the multi-region trail is a shadow trail").isEmpty();
    assertThat(aws.run("cloudtrail", "describe-trails", "--output", "json", "--region", "eu-west-1")
        .json().get("trailList"))
        .as("shadow trails are included by default").hasSize(1);
  }

  @Test
  void getTrailFindsTheTrailByArnOrNameAndReportsAnUnknownTrail() {
    JsonNode byArn = aws.run("cloudtrail", "get-trail", "--name", TestTrail.ARN, "--output", "json").json();
    assertThat(byArn.get("Trail").get("TrailARN").asText()).isEqualTo(TestTrail.ARN);
    assertThat(byArn.get("Trail").get("S3BucketName").asText()).isEqualTo(TestTrail.BUCKET);
    assertThat(byArn.get("Trail").get("IsOrganizationTrail").asBoolean()).isTrue();

    JsonNode byName = aws.run("cloudtrail", "get-trail", "--name", "org-trail", "--output", "json").json();
    assertThat(byName).isEqualTo(byArn);

    AwsCli.Result unknown = aws.run("cloudtrail", "get-trail", "--name",
        "arn:aws:cloudtrail:us-east-1:111122223333:trail/other-trail", "--output", "json");
    assertThat(unknown.exitCode()).as(unknown.toString()).isNotZero();
    assertThat(unknown.stderr()).contains("(TrailNotFoundException)").contains("other-trail");
  }

  @Test
  void getTrailStatusReportsLoggingAndTheLatestDeliveries() {
    JsonNode status = aws.run("cloudtrail", "get-trail-status", "--name", "org-trail", "--output", "json",
        "--cli-read-timeout", "10").json();

    assertThat(status.get("IsLogging").asBoolean()).isTrue();
    assertThat(time(status.get("LatestDeliveryTime"))).isEqualTo(LATEST_DELIVERY);
    assertThat(time(status.get("LatestDigestDeliveryTime"))).isEqualTo(LATEST_DIGEST);
    assertThat(time(status.get("StartLoggingTime"))).isEqualTo(FIRST_KEY_CREATED);
    assertThat(status.has("LatestDeliveryError")).isFalse();
  }

  @Test
  void describeOrganizationAnswersTheTrailsOrganization() {
    JsonNode org = aws.run("organizations", "describe-organization", "--output", "json").json().get("Organization");

    assertThat(org.get("Id").asText()).isEqualTo(TestTrail.ORG_ID);
    assertThat(org.get("Arn").asText())
        .isEqualTo("arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5");
    assertThat(org.get("FeatureSet").asText()).isEqualTo("ALL");
    assertThat(org.get("MasterAccountArn").asText())
        .isEqualTo("arn:aws:organizations::111122223333:account/o-a1b2c3d4e5/111122223333");
    assertThat(org.get("MasterAccountId").asText()).isEqualTo(TestTrail.MANAGEMENT_ACCOUNT);
    assertThat(org.get("MasterAccountEmail").asText()).isEqualTo("cloud-admins@example.com");
  }

  @Test
  void anOperationThatIsNotServedIsReportedAsUnknown() {
    AwsCli.Result result = aws.run("cloudtrail", "list-trails", "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr()).contains("(UnknownOperationException)").contains("ListTrails");
  }

  @Test
  void aTimeRangeEndingBeforeItStartsIsRejected() {
    AwsCli.Result result = aws.run("cloudtrail", "list-public-keys", "--output", "json",
        "--start-time", "2025-03-05T00:00:00Z", "--end-time", "2025-03-04T00:00:00Z");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr()).contains("(InvalidTimeRangeException)").contains("2025-03-05T00:00:00Z");
  }

  /** A time as the CLI prints it: epoch seconds as received, or ISO-8601 text. */
  private static Instant time(JsonNode printed) {
    assertThat(printed).as("a time").isNotNull();
    return printed.isNumber()
        ? Instant.ofEpochMilli(Math.round(printed.asDouble() * 1000))
        : OffsetDateTime.parse(printed.asText()).toInstant();
  }

  /** Parses the CLI's output, checking that each Value is the PKCS#1 DER of the key its Fingerprint names. */
  private static List<PublicKeyInfo> publicKeys(AwsCli.Result result) {
    JsonNode answer = result.json();
    for (JsonNode key : answer.get("PublicKeyList")) {
      byte[] der = Base64.getDecoder().decode(key.get("Value").asText());
      assertThat(DigestKeys.fingerprint(DigestKeys.fromPkcs1Der(der)))
          .as("fingerprint of the key in Value").isEqualTo(key.get("Fingerprint").asText());
    }
    return PublicKeySet.parse(result.stdout().getBytes(StandardCharsets.UTF_8));
  }
}
