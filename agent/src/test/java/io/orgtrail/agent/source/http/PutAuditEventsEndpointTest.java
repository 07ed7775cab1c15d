package io.orgtrail.agent.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.testkit.Await;
import io.orgtrail.agent.testing.PutAuditEventsClient;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PutAuditEvents endpoint of a running agent, called over HTTP, shipping to a stand-in aggregator. */
class PutAuditEventsEndpointTest {
  private static final String ACCOUNT = "333344445555";

  @TempDir Path dir;
  private final TestIngestServer server = new TestIngestServer();
  private Agent agent;
  private PutAuditEventsClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    server.enroll(TestKeys.write(dir.resolve("key.json"), "00000000000000f1", ACCOUNT));
  }

  private void start(Consumer<AgentConfig.Builder> tune) throws Exception {
    AgentConfig.Builder b = AgentConfig.builder()
        .keyFile(dir.resolve("key.json"))
        .aggregator(server.target())
        .stateDir(dir.resolve("state"))
        .httpListen("127.0.0.1", 0)
        .maxBatchDelay(Duration.ofMillis(50))
        .closeTimeout(Duration.ofSeconds(2));
    tune.accept(b);
    agent = Agent.builder().config(b.build()).clock(Clock.systemUTC()).random(new Random(5)).build();
    agent.start();
    client = new PutAuditEventsClient(agent.httpPort());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    server.close();
  }

  private static String sha256(String s, boolean hex) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return hex ? HexFormat.of().withUpperCase().formatHex(d) : Base64.getEncoder().encodeToString(d);
  }

  private static Map<String, String> byId(JsonNode list, String field) {
    Map<String, String> m = new java.util.TreeMap<>();
    for (JsonNode n : list) {
      m.put(n.get("id").asText(), n.get(field).asText());
    }
    return m;
  }

  @Test
  void eachEventSucceedsOrFailsOnItsOwn() throws Exception {
    start(b -> {});
    String noId = TestRecords.json(ACCOUNT, "us-east-1", null);
    String withId = TestRecords.json(ACCOUNT, "us-east-1", "given-1");
    String pretty = "{\n  \"eventID\": \"given-2\",\n" + TestRecords.json(ACCOUNT, "eu-west-1", null).substring(1);
    ObjectNode body = PutAuditEventsClient.JSON.createObjectNode();
    ArrayNode events = body.putArray("auditEvents");
    events.addObject().put("id", "no-id").put("eventData", noId);
    events.addObject().put("id", "hex-sum").put("eventData", withId).put("eventDataChecksum", sha256(withId, true));
    events.addObject().put("id", "b64-sum").put("eventData", pretty).put("eventDataChecksum", sha256(pretty, false));
    events.addObject().put("id", "other-account").put("eventData", TestRecords.json("999999999999", "us-east-1", "x"));
    events.addObject().put("id", "not-json").put("eventData", "{\"eventTime\":");
    events.addObject().put("id", "bad-region").put("eventData", TestRecords.json(ACCOUNT, "us-east-1/../..", "y"));
    events.addObject().put("id", "no-data");
    events.addObject().put("id", "no-id").put("eventData", noId);
    events.addObject().put("id", "wrong-sum").put("eventData", withId).put("eventDataChecksum", sha256(noId, true));
    events.addObject().put("id", "junk-sum").put("eventData", withId).put("eventDataChecksum", "abc");

    PutAuditEventsClient.Response r = client.put(body);

    assertThat(r.status()).isEqualTo(200);
    Map<String, String> ok = byId(r.body().get("successful"), "eventID");
    assertThat(ok).containsOnlyKeys("no-id", "hex-sum", "b64-sum")
        .containsEntry("hex-sum", "given-1").containsEntry("b64-sum", "given-2");
    assertThat(ok.get("no-id")).matches("[0-9a-f-]{36}");
    assertThat(byId(r.body().get("failed"), "errorCode")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "other-account", "WrongAccount",
        "not-json", "MalformedEventData",
        "bad-region", "InvalidRegion",
        "no-data", "MissingEventData",
        "wrong-sum", "ChecksumMismatch",
        "junk-sum", "InvalidChecksum",
        "no-id", "DuplicateId")); // the second "no-id" fails; the first one succeeded
    assertThat(r.body().get("failed")).allSatisfy(f -> assertThat(f.get("errorMessage").asText()).isNotBlank());

    Await.until(() -> agent.stats().eventsAcknowledged() == 3, () -> "3 events delivered: " + agent.stats());
    assertThat(server.durableEventIds()).containsExactlyInAnyOrder(ok.get("no-id"), "given-1", "given-2");
    assertThat(agent.stats().rejectedAtIntakeByProblem()).containsAllEntriesOf(Map.of(
        "WRONG_ACCOUNT", 1L, "MALFORMED_JSON", 1L, "INVALID_REGION", 1L, "MISSING_EVENT_DATA", 1L,
        "DUPLICATE_ID", 1L, "CHECKSUM_MISMATCH", 1L, "INVALID_CHECKSUM", 1L));
    assertThat(agent.stats().eventsRejectedAtIntake()).isEqualTo(7);
  }

  private static List<String> records(int n, String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TestRecords.json(ACCOUNT, "us-east-1", prefix + i));
    }
    return out;
  }

  private void assertValidationError(PutAuditEventsClient.Response r, String says) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
    assertThat(r.body().get("__type").asText()).isEqualTo("ValidationException");
    assertThat(r.body().get("message").asText()).contains(says);
  }

  @Test
  void callsOutsideTheLimitsOrNotShapedLikePutAuditEventsAreRefusedWhole() throws Exception {
    start(b -> {});
    assertValidationError(client.put(PutAuditEventsClient.body(List.of())), "send 1 to 100 events");
    assertValidationError(client.put(PutAuditEventsClient.body(records(101, "many-"))), "at most 100");
    String big = "x".repeat(PutAuditEventsEndpoint.MAX_BODY_BYTES);
    assertValidationError(client.put(PutAuditEventsClient.body(List.of(big))), "at most 1048576 bytes");
    assertValidationError(client.post("{\"auditEvents\": [".getBytes(StandardCharsets.UTF_8)), "not valid JSON");
    assertValidationError(client.post("{\"events\": []}".getBytes(StandardCharsets.UTF_8)), "auditEvents is missing");
    assertValidationError(client.post("{\"auditEvents\": [{\"eventData\": \"{}\"}]}".getBytes(StandardCharsets.UTF_8)),
        "auditEvents[0] needs an id");
    assertThat(client.put(PutAuditEventsClient.body(records(100, "max-"))).status()).isEqualTo(200);

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + agent.httpPort() + "/PutAuditEvents")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    HttpResponse<String> other = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + agent.httpPort() + "/Other")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);

    assertThat(agent.stats().eventsAccepted()).isEqualTo(100);
    assertThat(agent.stats().eventsRejectedAtIntake()).isZero();
  }

  @Test
  void aFullSpoolAnswers503WithRetryAfterAndTakesNothingUntilAcksFreeRoom() throws Exception {
    server.mode(TestIngestServer.Mode.HOLD);
    start(b -> b.maxBatchBytes(2000).spoolMaxBytes(2000));
    List<String> first = List.of(
        new String(TestRecords.ofSize(ACCOUNT, "s-0", 600), StandardCharsets.UTF_8),
        new String(TestRecords.ofSize(ACCOUNT, "s-1", 600), StandardCharsets.UTF_8));
    assertThat(client.put(PutAuditEventsClient.body(first)).status()).isEqualTo(200);
    Await.until(() -> server.received().size() == 1, () -> "the first batch sent and held");

    List<String> second = List.of(
        new String(TestRecords.ofSize(ACCOUNT, "t-0", 600), StandardCharsets.UTF_8),
        new String(TestRecords.ofSize(ACCOUNT, "t-1", 600), StandardCharsets.UTF_8));
    PutAuditEventsClient.Response busy = client.put(PutAuditEventsClient.body(second));
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.raw().headers().firstValue("Retry-After")).contains("2");
    assertThat(busy.body().get("message").asText()).contains("spool is full").contains("retry");
    assertThat(agent.stats().eventsAccepted()).isEqualTo(2);
    assertThat(agent.stats().pendingBytes()).isEqualTo(1200);
    assertThat(agent.stats().spoolFullRefusals()).isEqualTo(1);

    server.mode(TestIngestServer.Mode.ACK);
    server.releaseHeld();
    Await.until(() -> agent.stats().pendingEvents() == 0, () -> "the held batch acknowledged");
    PutAuditEventsClient.Response retried = client.put(PutAuditEventsClient.body(second));
    assertThat(retried.status()).isEqualTo(200);
    Await.until(() -> agent.stats().eventsAcknowledged() == 4, () -> "all 4 delivered: " + agent.stats());
    assertThat(server.durableEventIds()).containsExactlyInAnyOrder("s-0", "s-1", "t-0", "t-1");
  }
}
