package io.orgtrail.cloudtrailapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.digest.DigestKeys;
import io.orgtrail.format.digest.PublicKeyInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol as raw HTTP: error shapes, both target spellings, limits, and what is (not) revealed on failure. */
class CloudTrailApiHttpTest {
  private static final Instant NOW = Instant.parse("2025-03-10T08:30:15.250Z");
  private static final Instant KEY_CREATED = Instant.parse("2025-03-01T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RSAPublicKey KEY = (RSAPublicKey) DigestKeys.generate(new SecureRandom()).getPublic();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** What the key supplier does; a test may make it fail. */
  private final AtomicReference<RuntimeException> keySupplierFailure = new AtomicReference<>();
  private CloudTrailApiServer server;

  @BeforeEach
  void start() throws IOException {
    server = CloudTrailApiServer.builder()
        .trail(TestTrail.description())
        .publicKeys(() -> {
          RuntimeException failure = keySupplierFailure.get();
          if (failure != null) {
            throw failure;
          }
          return List.of(PublicKeyInfo.of(KEY, KEY_CREATED, null));
        })
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .maxRequestBytes(1024)
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersTheShortAndTheNamespacedCloudTrailTargetAlike() throws Exception {
    HttpResponse<String> shortForm = post("CloudTrail_20131101.GetTrail", "{\"Name\":\"org-trail\"}");
    HttpResponse<String> namespaced = post("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrail",
        "{\"Name\":\"org-trail\"}");

    assertThat(shortForm.statusCode()).isEqualTo(200);
    assertThat(shortForm.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(shortForm.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id ->
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    assertThat(JSON.readTree(shortForm.body()).get("Trail").get("TrailARN").asText()).isEqualTo(TestTrail.ARN);
    assertThat(namespaced.body()).isEqualTo(shortForm.body());
  }

  @Test
  void omitsTheKeyPrefixOfATrailWithoutOne() throws Exception {
    server.close();
    server = CloudTrailApiServer.builder()
        .trail(new TrailDescription(TestTrail.NAME, TestTrail.BUCKET, "", TestTrail.ORG_ID))
        .publicKeys(List::of)
        .build()
        .start();

    JsonNode trail = JSON.readTree(post("CloudTrail_20131101.DescribeTrails", "{}").body()).get("trailList").get(0);

    assertThat(trail.has("S3KeyPrefix")).isFalse();
    assertThat(trail.get("S3BucketName").asText()).isEqualTo(TestTrail.BUCKET);
  }

  @Test
  void writesTimesAsEpochSecondsAndKeysAsBase64Der() throws Exception {
    String body = post("CloudTrail_20131101.ListPublicKeys", "{}").body();
    JsonNode key = JSON.readTree(body).get("PublicKeyList").get(0);

    assertThat(body).contains("\"ValidityStartTime\":1740823200,")
        .as("the active key is valid until now, written to the millisecond as a plain number")
        .contains("\"ValidityEndTime\":1741595415.25,");
    assertThat(key.get("Value").binaryValue()).isEqualTo(DigestKeys.pkcs1Der(KEY));
    assertThat(key.get("Fingerprint").asText()).isEqualTo(DigestKeys.fingerprint(KEY));
  }

  @Test
  void acceptsEpochSecondsWithAFractionAndIsoTextAsTimes() throws Exception {
    String before = "{\"StartTime\":1740000000.5,\"EndTime\":\"2025-02-28T00:00:00Z\"}";
    String during = "{\"StartTime\":1740823200.0,\"EndTime\":1740823200}";

    assertThat(JSON.readTree(post("CloudTrail_20131101.ListPublicKeys", before).body()).get("PublicKeyList"))
        .isEmpty();
    assertThat(JSON.readTree(post("CloudTrail_20131101.ListPublicKeys", during).body()).get("PublicKeyList"))
        .hasSize(1);
  }

  @Test
  void malformedJsonIsASerializationException() throws Exception {
    assertError(post("CloudTrail_20131101.DescribeTrails", "{\"trailNameList\": ["), 400, "SerializationException",
        "not valid JSON");
    assertError(post("CloudTrail_20131101.DescribeTrails", "[]"), 400, "SerializationException",
        "must be a JSON object");
    assertError(post("CloudTrail_20131101.DescribeTrails", "{} {}"), 400, "SerializationException",
        "not valid JSON");
  }

  @Test
  void aMemberOfTheWrongTypeIsASerializationException() throws Exception {
    assertError(post("CloudTrail_20131101.DescribeTrails", "{\"trailNameList\":\"org-trail\"}"), 400,
        "SerializationException", "trailNameList must be a list of strings");
    assertError(post("CloudTrail_20131101.ListPublicKeys", "{\"StartTime\":true}"), 400,
        "SerializationException", "StartTime must be a time");
    assertError(post("CloudTrail_20131101.ListPublicKeys", "{\"StartTime\":\"yesterday\"}"), 400,
        "SerializationException", "'yesterday' is not a time");
  }

  @Test
  void anUnknownOrMissingTargetIsAnUnknownOperation() throws Exception {
    assertError(post("CloudTrail_20131101.DeleteTrail", "{\"Name\":\"org-trail\"}"), 400,
        "UnknownOperationException", "CloudTrail_20131101.DeleteTrail");
    assertError(post(null, "{}"), 400, "UnknownOperationException", "no X-Amz-Target header");
  }

  @Test
  void onlyPostIsAnswered() throws Exception {
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.endpoint()).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertError(get, 405, "UnknownOperationException", "GET");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void aBodyOverTheLimitIsRejectedWith413() throws Exception {
    String big = "{\"trailNameList\":[\"" + "a".repeat(2000) + "\"]}";

    assertError(post("CloudTrail_20131101.DescribeTrails", big), 413, "SerializationException",
        "larger than 1024 bytes");
    assertThat(post("CloudTrail_20131101.DescribeTrails", "{}").statusCode())
        .as("the server still answers after refusing a body").isEqualTo(200);
  }

  @Test
  void malformedTrailReferencesAreReportedAsSuch() throws Exception {
    assertError(post("CloudTrail_20131101.GetTrail", "{}"), 400, "InvalidTrailNameException", "Name is required");
    assertError(post("CloudTrail_20131101.GetTrail", "{\"Name\":\"a\"}"), 400, "InvalidTrailNameException",
        "trail name 'a' is not valid");
    assertError(post("CloudTrail_20131101.GetTrailStatus", "{\"Name\":\"arn:aws:cloudtrail:us-east-1:12:trail/x\"}"),
        400, "CloudTrailARNInvalidException", "is not a trail ARN");
    assertError(post("CloudTrail_20131101.DescribeTrails",
        "{\"trailNameList\":[\"org-trail\",\"arn:aws:s3:::bucket\"]}"), 400, "CloudTrailARNInvalidException",
        "arn:aws:s3:::bucket");
    assertError(post("CloudTrail_20131101.GetTrailStatus", "{\"Name\":\"other-trail\"}"), 400,
        "TrailNotFoundException", "other-trail");
  }

  @Test
  void aNextTokenIsRejectedBecauseEveryKeyComesInOnePage() throws Exception {
    assertError(post("CloudTrail_20131101.ListPublicKeys", "{\"NextToken\":\"abc\"}"), 400, "InvalidTokenException",
        "one page");
  }

  @Test
  void aFailureOfOurOwnIsAnInternalFailureWithoutDetails() throws Exception {
    keySupplierFailure.set(new UncheckedIOException(new IOException("/secret/path/digest-keys.json is unreadable")));

    HttpResponse<String> response = post("CloudTrail_20131101.ListPublicKeys", "{}");

    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertError(response, 500, "InternalFailure", requestId);
    assertThat(response.body()).doesNotContain("secret").doesNotContain("Exception").doesNotContain("at io.");
    assertThat(post("CloudTrail_20131101.GetTrail", "{\"Name\":\"org-trail\"}").statusCode())
        .as("other operations still answer").isEqualTo(200);
  }

  @Test
  void theBuilderSaysWhatIsMissing() {
    assertThatThrownBy(() -> CloudTrailApiServer.builder().publicKeys(List::of).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("trail(...) is required");
    assertThatThrownBy(() -> CloudTrailApiServer.builder().trail(TestTrail.description()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("publicKeys(...) is required");
    assertThatThrownBy(() -> CloudTrailApiServer.builder().trail(TestTrail.description()).publicKeys(List::of)
        .build().port())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
  }

  @Test
  void closingReleasesThePort() throws Exception {
    int port = server.port();
    server.close();

    assertThatThrownBy(() -> post("CloudTrail_20131101.DescribeTrails", "{}", port)).isInstanceOf(IOException.class);
    server = CloudTrailApiServer.builder().listen("127.0.0.1", port).trail(TestTrail.description())
        .publicKeys(List::of).build().start();
    assertThat(server.port()).isEqualTo(port);
  }

  private HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
    return post(target, body, server.port());
  }

  private HttpResponse<String> post(String target, String body, int port) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> response, int status, String type, String messagePart)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("__type").asText()).isEqualTo(type);
    assertThat(body.get("message").asText()).contains(messagePart);
  }
}
