package io.orgtrail.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.record.RecordFields;
import io.orgtrail.format.record.SourceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordBenchmarksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void scanAndCheckGoThroughEveryRecordInTurnAndReadItsFields() throws Exception {
    RecordCheckBenchmark bench = new RecordCheckBenchmark();
    bench.load();
    List<byte[]> all = RecordedEvents.load().all().records();
    Processed processed = new Processed();

    for (byte[] record : all) {
      RecordFields scanned = bench.scan(processed);
      JsonNode expected = JSON.readTree(record);
      assertThat(scanned.eventTime()).isEqualTo(expected.get("eventTime").asText());
      assertThat(scanned.eventName()).isEqualTo(expected.get("eventName").asText());
      assertThat(scanned.awsRegion()).isEqualTo(expected.get("awsRegion").asText());
    }
    assertThat(processed.events).isEqualTo(all.size());
    assertThat(processed.megabytes).isCloseTo(
        all.stream().mapToLong(r -> r.length).sum() / 1e6, org.assertj.core.data.Offset.offset(1e-6));

    // Back at the first record, now through the rules.
    RecordFields checked = bench.check(processed);
    assertThat(checked.eventId()).isEqualTo(JSON.readTree(all.get(0)).get("eventID").asText());
    assertThat(checked.recipientAccountId()).isEqualTo(bench.account);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 5000})
  void splitCutsTheFileIntoTheExactRecords(int records) throws Exception {
    RecordSplitterBenchmark bench = new RecordSplitterBenchmark();
    bench.records = records;
    bench.load();
    Processed processed = new Processed();

    List<SourceRecord> split = bench.split(processed);

    List<byte[]> expected = RecordedEvents.load().take(records).records();
    assertThat(split).hasSize(records);
    for (int i = 0; i < records; i++) {
      assertThat(split.get(i).json()).isEqualTo(expected.get(i));
    }
    assertThat(processed.events).isEqualTo(records);
    assertThat(processed.megabytes).isEqualTo(bench.file.length / 1e6);
  }
}
