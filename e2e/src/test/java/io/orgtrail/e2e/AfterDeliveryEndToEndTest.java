package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.orgtrail.aggregator.afterdelivery.Notifications;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.history.EventHistory;
import io.orgtrail.notify.Notifier;
import io.orgtrail.notify.envelope.EventBridgeEnvelope;
import io.orgtrail.notify.pattern.EventPattern;
import io.orgtrail.notify.rules.Rule;
import io.orgtrail.notify.rules.RuleSet;
import io.orgtrail.notify.webhook.WebhookSender;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.Datasets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What follows delivery, end to end on the embedded store: real recorded events through a real aggregator; every
 * delivered log file announced to a webhook in CloudTrail's SNS shape, a DeleteTable rule's match delivered to
 * another, and the events found by the real {@code aws cloudtrail lookup-events} in the event history.
 */
class AfterDeliveryEndToEndTest {
  /** The invictus records name this account as recipient and are from 2023-07-10. */
  private static final String ACCOUNT = "123837392027";
  private static final String KEY = "AKIAORGTRAILPLATFORM";
  private static final String SECRET = "platform-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Received(String kind, JsonNode body) {}

  @Test
  void filesAreAnnouncedRulesFireAndLookupEventsFindsTheEvents() throws Exception {
    List<String> records = new ArrayList<>();
    for (Path f : Datasets.invictusFiles()) {
      for (SourceRecord r : new RecordSplitter().split(Files.readAllBytes(f))) {
        records.add(new String(r.json(), StandardCharsets.UTF_8));
      }
    }
    String deleteTableId = "e2e-delete-table-0001";
    ObjectNode deleteTable = (ObjectNode) JSON.readTree(records.get(0));
    deleteTable.put("eventID", deleteTableId).put("eventName", "DeleteTable")
        .put("eventSource", "dynamodb.amazonaws.com").put("readOnly", false);
    records.add(JSON.writeValueAsString(deleteTable));

    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hooks.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(exchange.getRequestHeaders().getFirst("X-Orgtrail-Notification"),
          JSON.readTree(body)));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hooks.start();
    URI hook = URI.create("http://127.0.0.1:" + hooks.getAddress().getPort() + "/");
    // The history's own clock: the recorded events are from 2023, inside its 90 days.
    EventHistory history = EventHistory.open(dir.resolve("history"),
        Clock.fixed(Instant.parse("2023-07-11T00:00:00Z"), ZoneOffset.UTC));
    WebhookSender sender = WebhookSender.builder().deadLetterFile(dir.resolve("dead-letters.jsonl"))
        .firstBackoff(Duration.ofMillis(50)).build();
    RuleSet rules = new RuleSet(List.of(new Rule("delete-table",
        EventPattern.parse("{\"detail\":{\"eventName\":[\"DeleteTable\"]}}"), hook.resolve("/rules"))),
        new EventBridgeEnvelope(new RandomUuids(new SecureRandom())));
    ApiCaller platform = new ApiCaller("platform", SECRET, Optional.empty(), Set.of());
    try (ObjectStore store = new LocalDirectoryStore(dir.resolve("bucket"), "org-trail");
        OrgCluster cluster = new OrgCluster(dir, store, Duration.ofSeconds(1), b -> b.api("127.0.0.1", 0),
            b -> b.eventHistory(history)
                .apiKeys(key -> key.equals(KEY) ? Optional.of(platform) : Optional.empty())
                .afterDelivery(new Notifications(new Notifier(sender, List.of(hook.resolve("/files")), rules), true)))) {
      AgentCredentials agent = cluster.enroll(ACCOUNT);
      try (RawIngestClient client = new RawIngestClient(cluster.aggregator().port())) {
        long sequence = 1;
        for (int from = 0; from < records.size(); from += 500) {
          Ack ack = client.send(agent.agentId(), sequence++, records.subList(from, Math.min(records.size(), from + 500)),
              agent, false);
          assertThat(ack.getStatus()).as(ack.getReason()).isEqualTo(AckStatus.DURABLE);
        }
      }
      List<String> logFiles = store.list("AWSLogs/").stream().map(ObjectInfo::key)
          .filter(k -> k.contains("/CloudTrail/")).toList();
      assertThat(logFiles).isNotEmpty();

      Await.until(Duration.ofSeconds(30), () -> filesAnnounced(received).size() >= logFiles.size()
          && received.stream().anyMatch(r -> "rule-match".equals(r.kind())), () -> "notifications: " + received);
      assertThat(filesAnnounced(received)).containsExactlyInAnyOrderElementsOf(logFiles);
      Received match = received.stream().filter(r -> "rule-match".equals(r.kind())).findFirst().orElseThrow();
      assertThat(match.body().path("rule").asText()).isEqualTo("delete-table");
      assertThat(match.body().at("/event/detail/eventID").asText()).isEqualTo(deleteTableId);
      assertThat(match.body().at("/event/source").asText()).isEqualTo("aws.dynamodb");
      assertThat(received.stream().filter(r -> "rule-match".equals(r.kind()))).hasSize(1);

      Await.until(Duration.ofSeconds(30), () -> count(history) >= records.size(),
          () -> "the history to hold " + records.size() + " events; it has " + count(history));
      AwsCli aws = new AwsCli(cluster.aggregator().apiEndpoint().orElseThrow(), "http://127.0.0.1:1", KEY, SECRET,
          Files.createDirectories(dir.resolve("aws-home")));
      AwsCli.Result found = aws.run(List.of("cloudtrail", "lookup-events", "--lookup-attributes",
          "AttributeKey=EventName,AttributeValue=DeleteTable", "--start-time", "2023-07-01T00:00:00Z",
          "--output", "json"));
      assertThat(found.exitCode()).as(found.all()).isZero();
      JsonNode events = JSON.readTree(found.stdout()).get("Events");
      assertThat(events).hasSize(1);
      assertThat(events.get(0).get("EventId").asText()).isEqualTo(deleteTableId);
      assertThat(JSON.readTree(events.get(0).get("CloudTrailEvent").asText()).path("eventSource").asText())
          .isEqualTo("dynamodb.amazonaws.com");
    } finally {
      sender.close();
      history.close();
      hooks.stop(0);
    }
    assertThat(dir.resolve("dead-letters.jsonl")).as("nothing failed to be delivered").doesNotExist();
  }

  private static long count(EventHistory history) {
    try {
      return history.eventCount();
    } catch (Exception e) {
      throw new AssertionError("the event history cannot be read: " + e, e);
    }
  }

  private static List<String> filesAnnounced(List<Received> received) {
    List<String> keys = new ArrayList<>();
    for (Received r : received) {
      if ("file-delivered".equals(r.kind())) {
        assertThat(r.body().path("s3Bucket").asText()).isEqualTo("org-trail");
        r.body().path("s3ObjectKey").forEach(k -> keys.add(k.asText()));
      }
    }
    return keys;
  }
}
