package io.orgtrail.cloudtrailapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.history.EventHistory;
import io.orgtrail.testkit.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code aws cloudtrail lookup-events} against the API over an event history of real recorded events: the
 * platform key sees every account, a member's key only its own, and an unknown key nothing.
 */
class LookupEventsAwsCliTest {
  /** The invictus records are from 2023-07-10 and name this account as recipient. */
  private static final String ACCOUNT = "123837392027";
  private static final String OTHER = "111122223333";
  private static final String PLATFORM_KEY = "AKIAORGTRAILTEST0001";
  private static final String PLATFORM_SECRET = "orgtrail-test-secret-not-a-real-key";
  private static final String MEMBER_KEY = "AKIAORGTRAILMEMBER01";
  private static final String MEMBER_SECRET = "member-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EventHistory history;
  private CloudTrailApiServer server;
  private List<JsonNode> records;

  @BeforeEach
  void start() throws Exception {
    records = new ArrayList<>();
    List<byte[]> raw = new ArrayList<>();
    for (Path f : Datasets.invictusFiles()) {
      for (SourceRecord r : new RecordSplitter().split(Files.readAllBytes(f))) {
        raw.add(r.json());
        records.add(JSON.readTree(r.json()));
      }
    }
    history = EventHistory.open(dir.resolve("history"), Clock.fixed(Instant.parse("2023-07-11T00:00:00Z"),
        ZoneOffset.UTC));
    TrailLayout layout = new TrailLayout("", "o-a1b2c3d4e5");
    Instant delivered = Instant.parse("2023-07-10T23:00:00Z");
    history.index(layout.logFileKey(ACCOUNT, "us-east-1", delivered, "AAAAAAAAAAAAAAAA"), logFile(raw));
    // The same events once more under another account's key: what a member must not see.
    history.index(layout.logFileKey(OTHER, "us-east-1", delivered, "BBBBBBBBBBBBBBBB"), logFile(raw.stream()
        .map(r -> new String(r, java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"eventID\":\"", "\"eventID\":\"other-").replace(ACCOUNT, OTHER)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList()));
    Map<String, ApiCaller> keys = Map.of(
        PLATFORM_KEY, new ApiCaller("platform", PLATFORM_SECRET, Optional.empty(), Set.of()),
        MEMBER_KEY, new ApiCaller("member", MEMBER_SECRET, Optional.empty(), Set.of(ACCOUNT)));
    server = CloudTrailApiServer.builder()
        .listen("127.0.0.1", 0)
        .trail(TestTrail.description())
        .publicKeys(List::of)
        .credentials(key -> Optional.ofNullable(keys.get(key)))
        .eventHistory(history)
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
    history.close();
  }

  private static byte[] logFile(List<byte[]> raw) throws Exception {
    LogFileAssembler a = new LogFileAssembler();
    for (byte[] r : raw) {
      a.add(r, Instant.parse(JSON.readTree(r).path("eventTime").asText()));
    }
    return a.finish().gzipped();
  }

  private AwsCli cli(String key, String secret) {
    return AwsCli.withEnv(dir, Map.of("AWS_ENDPOINT_URL_CLOUDTRAIL", server.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", key, "AWS_SECRET_ACCESS_KEY", secret));
  }

  @Test
  void findsWhoDidSomethingByEventNameNewestFirstAcrossPages() {
    String name = records.get(0).path("eventName").asText();
    Set<String> expected = new HashSet<>();
    for (JsonNode r : records) {
      if (r.path("eventName").asText().equals(name)) {
        expected.add(r.path("eventID").asText());
        expected.add("other-" + r.path("eventID").asText());
      }
    }

    // The CLI pages through NextToken itself (--page-size 7 forces several calls).
    JsonNode answer = cli(PLATFORM_KEY, PLATFORM_SECRET).run("cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=EventName,AttributeValue=" + name, "--start-time", "2023-07-01T00:00:00Z", "--page-size", "7",
        "--output", "json").json();

    List<String> ids = new ArrayList<>();
    double previous = Double.MAX_VALUE;
    for (JsonNode e : answer.get("Events")) {
      ids.add(e.get("EventId").asText());
      assertThat(e.get("EventName").asText()).isEqualTo(name);
      double time = e.get("EventTime").asDouble();
      assertThat(time).as("newest first").isLessThanOrEqualTo(previous);
      previous = time;
      assertThat(JSON.valueToTree(e.get("CloudTrailEvent").asText()).isTextual()).isTrue();
    }
    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aMemberKeySeesOnlyItsOwnAccount() {
    String id = records.get(0).path("eventID").asText();

    JsonNode own = cli(MEMBER_KEY, MEMBER_SECRET).run("cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=EventId,AttributeValue=" + id, "--output", "json").json();
    JsonNode others = cli(MEMBER_KEY, MEMBER_SECRET).run("cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=EventId,AttributeValue=other-" + id, "--output", "json").json();

    assertThat(own.get("Events")).hasSize(1);
    assertThat(own.get("Events").get(0).get("CloudTrailEvent").asText()).contains(ACCOUNT);
    assertThat(others.get("Events")).as("another account's event").isEmpty();
  }

  @Test
  void anUnknownKeyOrAWrongSecretIsRefusedWithAwsErrors() {
    AwsCli.Result unknown = cli("AKIAUNKNOWNKEY000001", "x").run("cloudtrail", "lookup-events", "--max-items", "1");
    AwsCli.Result wrongSecret = cli(PLATFORM_KEY, "not-the-secret").run("cloudtrail", "lookup-events",
        "--max-items", "1");
    AwsCli.Result badAttribute = cli(PLATFORM_KEY, PLATFORM_SECRET).run("cloudtrail", "lookup-events",
        "--lookup-attributes", "AttributeKey=EventName,AttributeValue=" + "x".repeat(2001));

    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("UnrecognizedClientException", "AKIAUNKNOWNKEY000001");
    assertThat(wrongSecret.exitCode()).isNotZero();
    assertThat(wrongSecret.stderr()).contains("InvalidSignatureException");
    assertThat(badAttribute.exitCode()).isNotZero();
    assertThat(badAttribute.stderr()).contains("InvalidLookupAttributesException");
  }
}
