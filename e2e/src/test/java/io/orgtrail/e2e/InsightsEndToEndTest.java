package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.insights.InsightsDetector;
import io.orgtrail.insights.InsightsSettings;
import io.orgtrail.insights.delivery.InsightsDelivery;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.Datasets;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Insights end to end through a real aggregator: a burst of 100 TerminateInstances in one account is flagged as an
 * ApiCallRateInsight (a Start record in that account's CloudTrail-Insight file, announced like a log file); an
 * account with a handful of writes is not.
 */
class InsightsEndToEndTest {
  private static final String BURST = "444455556666";
  private static final String QUIET = "777788889999";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aBurstOfTerminateInstancesIsFlaggedAndSteadyTrafficIsNot() throws Exception {
    ObjectNode template = null;
    for (Path f : Datasets.invictusFiles()) {
      for (SourceRecord r : new RecordSplitter().split(Files.readAllBytes(f))) {
        JsonNode n = JSON.readTree(r.json());
        if (n.path("eventName").asText().equals("TerminateInstances")) {
          template = (ObjectNode) n;
        }
      }
    }
    assertThat(template).as("a recorded TerminateInstances").isNotNull();
    List<String> announced = Collections.synchronizedList(new ArrayList<>());
    // No warm-up: a new API in an account is judged against the minimum (20 a minute) from the first minute.
    InsightsDetector detector = InsightsDetector.builder()
        .settings(InsightsSettings.builder().warmUp(Duration.ZERO).build()).build();
    try (ObjectStore store = new LocalDirectoryStore(dir.resolve("bucket"), "org-trail")) {
      InsightsDelivery insights = new InsightsDelivery(detector, store, new TrailLayout("", OrgCluster.ORG),
          Clock.systemUTC(), new SecureRandom(), dir.resolve("insights.json"), (key, records) -> announced.add(key));
      try (OrgCluster cluster = new OrgCluster(dir, store, Duration.ofSeconds(1), b -> b,
          b -> b.insights(insights, Duration.ofSeconds(1)))) {
        AgentCredentials burst = cluster.enroll(BURST);
        AgentCredentials quiet = cluster.enroll(QUIET);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (RawIngestClient client = new RawIngestClient(cluster.aggregator().port())) {
          Ack a = client.send(burst.agentId(), 1, events(template, BURST, 100, now), burst, false);
          Ack b = client.send(quiet.agentId(), 1, events(template, QUIET, 5, now), quiet, false);
          assertThat(a.getStatus()).isEqualTo(AckStatus.DURABLE);
          assertThat(b.getStatus()).isEqualTo(AckStatus.DURABLE);
        }
        Await.until(Duration.ofSeconds(90), () -> !announced.isEmpty(),
            () -> "an Insights file for the burst; detector: " + detector.stats());

        List<ObjectInfo> files = store.list("AWSLogs/").stream()
            .filter(o -> o.key().contains("/CloudTrail-Insight/")).toList();
        assertThat(files).extracting(ObjectInfo::key).allMatch(k -> k.contains("/" + BURST + "/CloudTrail-Insight/"));
        JsonNode start = records(store, files.get(0).key()).get(0);
        assertThat(start.at("/insightDetails/state").asText()).isEqualTo("Start");
        assertThat(start.at("/insightDetails/insightType").asText()).isEqualTo("ApiCallRateInsight");
        assertThat(start.at("/insightDetails/eventName").asText()).isEqualTo("TerminateInstances");
        assertThat(start.at("/insightDetails/insightContext/statistics/insight/average").asDouble()).isEqualTo(100.0);
        assertThat(start.get("recipientAccountId").asText()).isEqualTo(BURST);
        assertThat(announced).containsExactly(files.get(0).key());
      }
    }
  }

  private static List<String> events(ObjectNode template, String account, int n, Instant time) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode e = template.deepCopy();
      e.put("eventID", UUID.randomUUID().toString()).put("eventTime", time.toString())
          .put("recipientAccountId", account).put("readOnly", false);
      e.remove("errorCode");
      events.add(e.toString());
    }
    return events;
  }

  private static List<JsonNode> records(ObjectStore store, String key) throws Exception {
    byte[] json;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(store.get(key).orElseThrow().content()))) {
      json = in.readAllBytes();
    }
    List<JsonNode> records = new ArrayList<>();
    for (SourceRecord r : new RecordSplitter().split(json)) {
      records.add(JSON.readTree(r.json()));
    }
    return records;
  }
}
