package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.Await;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event selectors end to end: a real aggregator with WriteOnly selectors and real agents generating read and write
 * events. Only write events are delivered, the read ones are dropped by the agent (or, before the agent heard of
 * the selectors, by the aggregator) and every generated event is acknowledged; then the real
 * {@code aws cloudtrail put-event-selectors} changes them and the running agent applies the change without a restart.
 */
class EventSelectorsEndToEndTest {
  private static final String KEY = "AKIAORGTRAILPLATFORM";
  private static final String SECRET = "platform-secret";
  private static final int GENERATED = 600;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void unselectedEventsAreNotLoggedAndAChangeReachesRunningAgents() throws Exception {
    ApiCaller platform = new ApiCaller("platform", SECRET, Optional.empty(), Set.of());
    TrailSelectors writeOnly = TrailSelectors.parse(
        "{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true}]}");
    try (ObjectStore store = new LocalDirectoryStore(dir.resolve("bucket"), "org-trail");
        OrgCluster cluster = new OrgCluster(dir, store, Duration.ofSeconds(1), b -> b.api("127.0.0.1", 0),
            b -> b.eventSelectors(writeOnly)
                .apiKeys(key -> key.equals(KEY) ? Optional.of(platform) : Optional.empty()))) {
      Agent agent = cluster.startAgent("222233334444",
          b -> b.generator(new GeneratorSettings(300, GENERATED, List.of("us-east-1"))));

      Await.until(Duration.ofSeconds(60), () -> agent.stats().eventsAcknowledged()
              + agent.stats().eventsFiltered() == GENERATED && cluster.allAcknowledged(),
          () -> "every generated event acknowledged or filtered: " + agent.stats().deliverySummary());
      AgentStats stats = agent.stats();
      assertThat(stats.selectorsFingerprint()).isEqualTo(writeOnly.fingerprint());
      assertThat(stats.eventsFiltered() + stats.eventsFilteredByAggregator()).as("read events left out").isPositive();
      List<JsonNode> delivered = delivered(store);
      assertThat(delivered).as("write events delivered").isNotEmpty();
      assertThat(delivered).allSatisfy(r -> assertThat(r.path("readOnly").asBoolean()).as(r.toString()).isFalse());
      assertThat((long) delivered.size()).isEqualTo(GENERATED - stats.eventsFiltered()
          - stats.eventsFilteredByAggregator());

      AwsCli aws = new AwsCli(cluster.aggregator().apiEndpoint().orElseThrow(), "http://127.0.0.1:1", KEY, SECRET,
          Files.createDirectories(dir.resolve("aws-home")));
      AwsCli.Result put = aws.run(List.of("cloudtrail", "put-event-selectors", "--trail-name", "orgtrail",
          "--event-selectors", "[{\"ReadWriteType\":\"ReadOnly\",\"IncludeManagementEvents\":true}]"));
      assertThat(put.exitCode()).as(put.all()).isZero();
      String readOnly = cluster.aggregator().eventSelectors().current().fingerprint();
      assertThat(readOnly).isNotEqualTo(writeOnly.fingerprint());
      Await.until(Duration.ofSeconds(30), () -> readOnly.equals(agent.stats().selectorsFingerprint()),
          () -> "the running agent to apply the new selectors: " + agent.stats().deliverySummary());
    }
  }

  private static List<JsonNode> delivered(ObjectStore store) throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (ObjectInfo o : store.list("AWSLogs/")) {
      if (!o.key().contains("/CloudTrail/")) {
        continue;
      }
      byte[] json;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(store.get(o.key()).orElseThrow().content()))) {
        json = in.readAllBytes();
      }
      for (SourceRecord r : new RecordSplitter().split(json)) {
        records.add(JSON.readTree(r.json()));
      }
    }
    return records;
  }
}
