package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.agent.Agent;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.cli.datasets.RecordedDatasets;
import io.orgtrail.cli.inventory.DeliveredLogs;
import io.orgtrail.cli.inventory.Inventory;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three agents for three accounts, one per source kind, against a real aggregator over gRPC on loopback and a
 * real store: every input eventID is delivered exactly once, in a file under its own account and region.
 * Subclasses choose the store.
 */
abstract class PipelineEndToEndTest {
  static final String A = "111111111111";
  static final String B = "222222222222";
  static final String C = "333333333333";
  private static final int GENERATED = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  abstract ObjectStore openStore(Path dir) throws Exception;

  @Test
  void everyEventArrivesExactlyOnceUnderItsOwnAccountAndRegion() throws Exception {
    DatasetInputs inputs = new DatasetInputs();
    List<Path> invictus = inputs.files("invictus-aws-dataset");
    try (ObjectStore store = openStore(dir)) {
      int expected;
      // The OTRF dataset holds S3 data events: a trail logs them only when its selectors ask for S3 objects.
      TrailSelectors withS3Objects = TrailSelectors.parse("{\"EventSelectors\":[{\"ReadWriteType\":\"All\","
          + "\"IncludeManagementEvents\":true,\"DataResources\":[{\"Type\":\"AWS::S3::Object\","
          + "\"Values\":[\"arn:aws:s3\"]}]}]}");
      try (OrgCluster cluster = new OrgCluster(dir, store, Duration.ofSeconds(1), b -> b,
          b -> b.eventSelectors(withS3Objects))) {
        Path inboxA = dir.resolve("inbox-a");
        Path inboxB = dir.resolve("inbox-b");
        Agent a = cluster.startAgent(A, b -> b.watchDir(inboxA));
        Agent bAgent = cluster.startAgent(B, b -> b.watchDir(inboxB));
        Agent c = cluster.startAgent(C, b -> b.httpListen("127.0.0.1", 0)
            .generator(new GeneratorSettings(500, GENERATED, List.of("us-east-1", "eu-west-1"))));

        // A: CloudTrail log files, some gzipped. B: JSON arrays and JSON lines. C: PutAuditEvents over HTTP + generator.
        expected = inputs.dropInto(inboxA, A, invictus.subList(0, 12), true, ".json");
        expected += inputs.dropInto(inboxB, B, inputs.files("stratus-red-team"), true, ".json");
        expected += inputs.dropInto(inboxB, B, inputs.files("otrf-security-datasets"), false, ".jsonl");
        expected += putAuditEvents(c, inputs, invictus.subList(12, 16), C);
        int files = 12 + inputs.files("stratus-red-team").size() + inputs.files("otrf-security-datasets").size();
        int total = expected + GENERATED;

        Await.until(Duration.ofSeconds(90),
            () -> a.stats().filesFinished() + bAgent.stats().filesFinished() >= files
                && c.stats().generatorDone()
                && cluster.allAcknowledged()
                && cluster.acknowledgedEvents() >= total,
            () -> "all " + total + " events acknowledged; now " + cluster.acknowledgedEvents()
                + " (A " + a.stats() + ", B " + bAgent.stats() + ", C " + c.stats() + ")");
        assertThat(a.stats().eventsRejectedAtIntake() + bAgent.stats().eventsRejectedAtIntake() + c.stats().eventsRejectedAtIntake())
            .isZero();
      }

      Inventory delivered = new DeliveredLogs().read(store, "AWSLogs/");
      assertThat(delivered.problems()).isEmpty();
      assertThat(delivered.misplacedRecords()).isEmpty();
      Map<String, Integer> deliveries = delivered.deliveriesByEventId();
      assertThat(deliveries.values()).allMatch(n -> n == 1);
      assertThat(deliveries.keySet()).containsAll(inputs.sentEventIds);
      assertThat(delivered.eventCount()).isEqualTo(expected + GENERATED);
      assertThat(delivered.files()).allMatch(f -> f.orgId().equals(OrgCluster.ORG));
      Set<String> accounts = delivered.files().stream().map(DeliveredLogs.LogFileContent::account).collect(Collectors.toCollection(TreeSet::new));
      assertThat(accounts).containsExactly(A, B, C);
      Set<String> regionsOfC = delivered.files().stream().filter(f -> f.account().equals(C))
          .map(DeliveredLogs.LogFileContent::region).collect(Collectors.toSet());
      assertThat(regionsOfC).contains("us-east-1", "eu-west-1");
    }
  }

  /** Sends the records of {@code files} (rewritten for {@code account}) through the agent's HTTP endpoint. */
  private static int putAuditEvents(Agent agent, DatasetInputs inputs, List<Path> files, String account) throws Exception {
    List<String> events = new ArrayList<>();
    for (Path f : files) {
      RecordedDatasets.Rewritten r = inputs.datasets.rewrite(f, account);
      for (SourceRecord record : new RecordSplitter().split(r.content())) {
        events.add(new String(record.json(), StandardCharsets.UTF_8));
      }
      inputs.sentEventIds.addAll(r.eventIds());
    }
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + agent.httpPort() + "/PutAuditEvents?channelArn=e2e");
    for (int from = 0; from < events.size(); from += 100) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("auditEvents");
      for (int i = from; i < Math.min(from + 100, events.size()); i++) {
        list.addObject().put("id", "e" + i).put("eventData", events.get(i));
      }
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).path("successful").size()).isEqualTo(list.size());
    }
    return events.size();
  }
}
