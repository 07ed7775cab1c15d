package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.bench.micro.DatasetsDirectory;
import io.orgtrail.bench.micro.RecordedEvents;
import io.orgtrail.format.record.RecordFields;
import io.orgtrail.format.record.RecordRules;
import io.orgtrail.format.record.RecordScanner;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** On the real recorded events of the Invictus dataset. */
class EventTemplatesTest {
  private static final String ACCOUNT = "444455556666";
  private static final byte[] ACCOUNT_BYTES = ACCOUNT.getBytes(StandardCharsets.US_ASCII);

  private final EventTemplates templates = EventTemplates.fromDatasets(DatasetsDirectory.locate());
  private final EventIds ids = new EventIds(0x0badcafe);
  private final RecordRules rules = new RecordRules();

  @Test
  void everyTemplateMakesARecordTheAggregatorAcceptsForTheAgentsAccountAndRegion() throws Exception {
    String datasetAccount = RecordedEvents.load(DatasetsDirectory.locate()).account();
    assertThat(templates.size()).isEqualTo(RecordedEvents.load(DatasetsDirectory.locate()).count());

    Set<String> eventIds = new HashSet<>();
    for (int t = 0; t < templates.size(); t++) {
      String id = ids.of(3, t + 1, 0);
      byte[] record = templates.record(t, id, "2026-11-21T10:00:00Z", "eu-north-1", ACCOUNT_BYTES);

      RecordFields fields = rules.check(record, ACCOUNT);
      RecordRules.requireEventId(fields);
      assertThat(fields.eventId()).isEqualTo(id);
      assertThat(fields.awsRegion()).isEqualTo("eu-north-1");
      assertThat(fields.eventTime()).isEqualTo("2026-11-21T10:00:00Z");
      String json = new String(record, StandardCharsets.UTF_8);
      assertThat(json).startsWith("{\"eventID\":\"" + id + "\"").doesNotContain(datasetAccount);
      assertThat(json.indexOf("{\"eventID\":\"", 1)).as("no nested record opening (the delivered count relies on it)")
          .isEqualTo(-1);
      eventIds.add(fields.eventId());
    }
    assertThat(eventIds).hasSize(templates.size());
  }

  @Test
  void theRestOfTheRecordIsTheRecordedEventsWithTheAccountReplaced() throws Exception {
    byte[] record = templates.record(0, ids.of(0, 1, 0), "2026-11-21T10:00:00Z", "us-east-1", ACCOUNT_BYTES);

    RecordFields fields = new RecordScanner().scan(record);
    assertThat(fields.eventSource()).endsWith(".amazonaws.com");
    assertThat(fields.eventName()).isNotBlank();
    assertThat(new String(record, StandardCharsets.UTF_8)).contains("\"accountId\":\"" + ACCOUNT + "\"");
    assertThat(record.length).as("about as large as a recorded event").isBetween(500, 5000);
  }

  @Test
  void templateIndexesWrapAround() {
    byte[] first = templates.record(0, ids.of(0, 1, 0), "2026-11-21T10:00:00Z", "us-east-1", ACCOUNT_BYTES);
    byte[] wrapped = templates.record(templates.size(), ids.of(0, 1, 0), "2026-11-21T10:00:00Z", "us-east-1",
        ACCOUNT_BYTES);

    assertThat(wrapped).isEqualTo(first);
  }
}
