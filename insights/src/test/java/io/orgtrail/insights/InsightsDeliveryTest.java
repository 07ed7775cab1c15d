package io.orgtrail.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.insights.delivery.InsightsDelivery;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Insights files on a real local store: a burst of TerminateInstances after a quiet baseline gives a Start record
 * in a CloudTrail-Insight file of its account and region, announced to the listener; the quiet minutes after it
 * give the End; a restart keeps the open insight.
 */
class InsightsDeliveryTest {
  private static final TrailLayout LAYOUT = new TrailLayout("", "o-a1b2c3d4e5");

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T00:00:00Z"));
  private final TemplateRecords terminate = TemplateRecords.terminateInstances();
  private final List<String> announced = Collections.synchronizedList(new ArrayList<>());

  private InsightsDelivery delivery(LocalDirectoryStore store) {
    InsightsDetector detector = InsightsDetector.builder().clock(clock).random(new SplittableRandom(3)).build();
    return new InsightsDelivery(detector, store, LAYOUT, clock, new SplittableRandom(5), dir.resolve("insights.json"),
        (key, records) -> announced.add(key));
  }

  /** {@code perMinute(i)} TerminateInstances in each of {@code minutes} minutes, a tick at the end of each. */
  private void run(InsightsDelivery delivery, int minutes, java.util.function.IntUnaryOperator perMinute) {
    for (int i = 0; i < minutes; i++) {
      Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
      clock.set(minute.plusSeconds(30));
      List<byte[]> records = new ArrayList<>();
      for (int n = perMinute.applyAsInt(i); n > 0; n--) {
        records.add(terminate.at(minute.plusSeconds(20)));
      }
      delivery.observe(records);
      clock.set(minute.plusSeconds(59));
      delivery.tick();
      clock.set(minute.plusSeconds(60));
    }
  }

  private static List<JsonNode> insightRecords(LocalDirectoryStore store) throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (ObjectInfo o : store.list("AWSLogs/")) {
      assertThat(o.key()).contains("/CloudTrail-Insight/");
      byte[] json;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(store.get(o.key()).orElseThrow().content()))) {
        json = in.readAllBytes();
      }
      for (SourceRecord r : new RecordSplitter().split(json)) {
        records.add(TemplateRecords.MAPPER.readTree(r.json()));
      }
    }
    return records;
  }

  @Test
  void aBurstIsWrittenAsStartAndEndRecordsUnderCloudTrailInsight() throws Exception {
    try (LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("bucket"))) {
      InsightsDelivery delivery = delivery(store);
      run(delivery, 180, m -> m % 20 == 10 ? 1 : 0);
      assertThat(store.list("AWSLogs/")).isEmpty();
      run(delivery, 1, m -> 100);

      List<JsonNode> started = insightRecords(store);
      assertThat(started).hasSize(1);
      JsonNode start = started.get(0);
      assertThat(start.at("/insightDetails/state").asText()).isEqualTo("Start");
      assertThat(start.at("/insightDetails/eventName").asText()).isEqualTo("TerminateInstances");
      assertThat(start.at("/insightDetails/insightType").asText()).isEqualTo("ApiCallRateInsight");
      assertThat(start.get("eventCategory").asText()).isEqualTo("Insight");
      String account = start.get("recipientAccountId").asText();
      String region = start.get("awsRegion").asText();
      assertThat(announced).hasSize(1);
      assertThat(announced.get(0)).startsWith(LAYOUT.insightFilePrefix(account, region))
          .contains("_CloudTrail-Insight_" + region + "_");

      // A restart in the middle of the insight: the state file keeps it open, its End still comes.
      delivery.close();
      InsightsDelivery restarted = delivery(store);
      restarted.start(java.time.Duration.ofHours(1));
      run(restarted, 6, m -> 0);
      restarted.close();

      List<JsonNode> all = insightRecords(store);
      assertThat(all).hasSize(2);
      JsonNode end = all.stream().filter(r -> r.at("/insightDetails/state").asText().equals("End")).findFirst()
          .orElseThrow();
      assertThat(end.get("sharedEventID").asText()).isEqualTo(start.get("sharedEventID").asText());
      assertThat(announced).hasSize(2);
    }
  }
}
