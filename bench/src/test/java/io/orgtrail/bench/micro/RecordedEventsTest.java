package io.orgtrail.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecordedEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RecordedEvents events;
  /** The same dataset read independently, as Jackson trees. */
  private static List<JsonNode> expected;

  @BeforeAll
  static void load() throws IOException {
    events = RecordedEvents.load();
    expected = new ArrayList<>();
    Path dir = DatasetsDirectory.locate().resolve(RecordedEvents.DATASET);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JSON.readTree(f.toFile()).get("Records").forEach(expected::add);
      }
    }
  }

  @Test
  void loadsEveryRecordOfTheDatasetInFileOrderWithItsEventTime() throws IOException {
    EventSample all = events.all();

    assertThat(events.count()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(JSON.readTree(all.records().get(i))).isEqualTo(expected.get(i));
      assertThat(all.eventTimes().get(i)).isEqualTo(Instant.parse(expected.get(i).get("eventTime").asText()));
    }
    assertThat(events.account()).isEqualTo(expected.get(0).get("recipientAccountId").asText());
    assertThat(expected).allSatisfy(r -> assertThat(r.get("recipientAccountId").asText()).isEqualTo(events.account()));
  }

  @Test
  void recordsAreSingleLineJson() {
    assertThat(events.all().records()).allSatisfy(r -> assertThat(new String(r)).doesNotContain("\n").startsWith("{"));
  }

  @Test
  void aSampleLargerThanTheDatasetStartsOverFromTheFirstEvent() {
    int n = events.count() + 10;

    EventSample sample = events.take(n);

    assertThat(sample.size()).isEqualTo(n);
    assertThat(sample.records().get(events.count())).isSameAs(sample.records().get(0));
    assertThat(sample.eventTimes().get(events.count() + 9)).isEqualTo(sample.eventTimes().get(9));
  }

  @Test
  void theCloudTrailFileHoldsTheExactRecordsInOrder() throws IOException {
    EventSample sample = events.take(7);

    byte[] file = sample.cloudTrailFile();

    StringBuilder joined = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < sample.size(); i++) {
      joined.append(i > 0 ? "," : "").append(new String(sample.records().get(i), "UTF-8"));
    }
    assertThat(new String(file, "UTF-8")).isEqualTo(joined.append("]}").toString());
    assertThat(JSON.readTree(file).get("Records")).hasSize(7);
    assertThat(sample.recordBytes())
        .isEqualTo(sample.records().stream().mapToLong(r -> r.length).sum())
        .isEqualTo(file.length - "{\"Records\":[]}".length() - 6);
  }
}
