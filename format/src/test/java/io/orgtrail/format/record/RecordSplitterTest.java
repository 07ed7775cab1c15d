package io.orgtrail.format.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSplitterTest {
  private final RecordSplitter splitter = new RecordSplitter();
  private final ObjectMapper json = new ObjectMapper();

  private List<SourceRecord> split(String s) throws InvalidFileException {
    return splitter.split(s.getBytes(StandardCharsets.UTF_8));
  }

  private String text(SourceRecord r) {
    return new String(r.json(), StandardCharsets.UTF_8);
  }

  @Test
  void cutsACloudTrailLogFileIntoItsRecordsExactlyAsWritten() throws Exception {
    List<SourceRecord> records = split("{\"Records\": [\n  {\"eventID\": \"a\", \"n\": 1.0E2, \"s\": \"x y\"},\n  {\"eventID\":\"b\",\"nested\":{\"k\":[1,2]}}\n]}");
    assertThat(records).extracting(this::text)
        .containsExactly("{\"eventID\":\"a\",\"n\":1.0E2,\"s\":\"x y\"}", "{\"eventID\":\"b\",\"nested\":{\"k\":[1,2]}}");
    assertThat(records).extracting(SourceRecord::location).containsExactly("record 1", "record 2");
  }

  @Test
  void cutsAJsonArrayAndPrettyPrintedRecords() throws Exception {
    assertThat(split("[\n {\n  \"eventID\": \"a\"\n },\n {\"eventID\": \"b\"}\n]")).extracting(this::text)
        .containsExactly("{\"eventID\":\"a\"}", "{\"eventID\":\"b\"}");
    assertThat(split("{\n \"eventID\": \"a\"\n}\n{\n \"eventID\": \"b\"\n}\n")).extracting(this::text)
        .containsExactly("{\"eventID\":\"a\"}", "{\"eventID\":\"b\"}");
  }

  @Test
  void inJsonLinesAMalformedLineStandsAloneAndTheOthersSurvive() throws Exception {
    List<SourceRecord> records = split("{\"eventID\":\"a\"}\n{\"eventID\": broken\n\n{\"eventID\":\"c\"}\n");
    assertThat(records).extracting(SourceRecord::location).containsExactly("line 1", "line 2", "line 4");
    assertThat(text(records.get(0))).isEqualTo("{\"eventID\":\"a\"}");
    assertThat(text(records.get(2))).isEqualTo("{\"eventID\":\"c\"}");
    assertThatThrownBy(() -> new RecordScanner().scan(records.get(1).json()))
        .isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void aTruncatedArrayFailsAsAWholeWithAClearMessage() {
    assertThatThrownBy(() -> split("[{\"eventID\":\"a\"}, {\"eventID\":"))
        .isInstanceOf(InvalidFileException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> split("{\"Records\":[{\"eventID\":\"a\"}"))
        .isInstanceOf(InvalidFileException.class);
  }

  @Test
  void keepsStringsWithWhitespaceAndEscapesUntouched() throws Exception {
    String record = "{\"m\": \"a \\\" b\\n\\t c\", \"u\": \"\u00e9\u4e2d\"}";
    SourceRecord r = split(record).get(0);
    JsonNode expected = json.readTree(record);
    assertThat(json.readTree(r.json())).isEqualTo(expected);
    assertThat(text(r)).isEqualTo("{\"m\":\"a \\\" b\\n\\t c\",\"u\":\"\u00e9\u4e2d\"}");
  }

  @Test
  void emptyInputHasNoRecords() throws Exception {
    assertThat(split("  \n")).isEmpty();
  }
}
