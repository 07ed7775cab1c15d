package io.orgtrail.format.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordRulesTest {
  private static final String ACCOUNT = "111122223333";
  private final RecordRules rules = new RecordRules(new RecordScanner(), 2048);

  private static byte[] record(String region, String account) {
    return ("{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-31T12:00:00Z\",\"eventSource\":\"ec2.amazonaws.com\","
            + "\"eventName\":\"RunInstances\",\"awsRegion\":\"" + region + "\",\"requestParameters\":{\"awsRegion\":\"x\"},"
            + "\"recipientAccountId\":\"" + account + "\",\"eventID\":\"e-1\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptsAWellFormedRecordAndReturnsItsTopLevelFields() throws Exception {
    RecordFields f = rules.check(record("us-east-1", ACCOUNT), ACCOUNT);
    assertThat(f.awsRegion()).isEqualTo("us-east-1");
    assertThat(f.eventId()).isEqualTo("e-1");
    assertThat(f.recipientAccountId()).isEqualTo(ACCOUNT);
  }

  @Test
  void givesTheParsedEventTimeWithTheFields() throws Exception {
    CheckedRecord checked = rules.checkTimed(record("us-east-1", ACCOUNT), ACCOUNT);
    assertThat(checked.eventTime()).isEqualTo(Instant.parse("2024-01-31T12:00:00Z"));
    assertThat(checked.fields().eventName()).isNotEmpty();
  }

  @Test
  void refusesAnotherAccountsRecord() {
    assertThatThrownBy(() -> rules.check(record("us-east-1", "999988887777"), ACCOUNT))
        .isInstanceOfSatisfying(
            InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.WRONG_ACCOUNT))
        .hasMessageContaining("999988887777")
        .hasMessageContaining(ACCOUNT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x", "us-east-1/../../", "us-east-1%2F..", "", "us-east-1/", "US-EAST-1", "us-e\u0430st-1", "us-east-1\u0000",
        "us-east-1\\\\..", "..", "us east 1"
      })
  void refusesRegionsThatAreNotPlainRegionNames(String region) {
    byte[] json = record(region.replace("\u0000", "\\u0000"), ACCOUNT);
    assertThatThrownBy(() -> rules.check(json, ACCOUNT))
        .isInstanceOfSatisfying(
            InvalidRecordException.class, e -> assertThat(e.problem()).isIn(RecordProblem.INVALID_REGION, RecordProblem.MISSING_FIELD));
  }

  @Test
  void refusesAVeryLongRegion() {
    assertThatThrownBy(() -> rules.check(record("us-" + "a".repeat(300) + "-1", ACCOUNT), ACCOUNT))
        .isInstanceOfSatisfying(
            InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.INVALID_REGION));
  }

  @Test
  void refusesMissingEventTimeMalformedJsonAndOversizedRecords() {
    byte[] noTime = "{\"eventSource\":\"s\",\"eventName\":\"n\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"111122223333\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> rules.check(noTime, ACCOUNT))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.MISSING_FIELD))
        .hasMessageContaining("eventTime");
    assertThatThrownBy(() -> rules.check("{\"eventTime\":".getBytes(StandardCharsets.UTF_8), ACCOUNT))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.MALFORMED_JSON));
    assertThatThrownBy(() -> rules.check("[1,2]".getBytes(StandardCharsets.UTF_8), ACCOUNT))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.MALFORMED_JSON));
    assertThatThrownBy(() -> rules.check(new byte[4096], ACCOUNT))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.EVENT_TOO_LARGE));
  }

  @Test
  void refusesARecordThatNamesItsAccountTwice() {
    byte[] json = new String(record("us-east-1", ACCOUNT), StandardCharsets.UTF_8)
        .replace("\"eventID\"", "\"recipientAccountId\":\"999988887777\",\"eventID\"").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> rules.check(json, ACCOUNT))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.MALFORMED_JSON))
        .hasMessageContaining("recipientAccountId");
  }

  @Test
  void leavesDuplicatesInsideNestedValuesToTheirReaders() throws Exception {
    // Only top-level members route and bind a record; nested ones are the event's own content.
    byte[] json = new String(record("us-east-1", ACCOUNT), StandardCharsets.UTF_8)
        .replace("{\"awsRegion\":\"x\"}", "{\"awsRegion\":\"x\",\"awsRegion\":\"y\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(rules.check(json, ACCOUNT).awsRegion()).isEqualTo("us-east-1");
  }

  @Test
  void refusesAnEventTimeThatIsNotIso8601() {
    byte[] json = new String(record("us-east-1", ACCOUNT), StandardCharsets.UTF_8)
        .replace("2024-01-31T12:00:00Z", "yesterday").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> rules.check(json, ACCOUNT))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.problem()).isEqualTo(RecordProblem.INVALID_FIELD));
  }

  @Test
  void editorAddsAnEventIdAndKeepsTheRestByteForByte() throws Exception {
    byte[] original = "{ \"a\" : 1.50, \"b\":\"\\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    byte[] edited = RecordEditor.withEventId(original, "abc");
    assertThat(new String(edited, StandardCharsets.UTF_8)).isEqualTo("{\"eventID\":\"abc\", \"a\" : 1.50, \"b\":\"\\u00e9\"}");
    assertThat(new RecordScanner().scan(edited).eventId()).isEqualTo("abc");
    assertThat(new String(RecordEditor.withEventId("{ }".getBytes(StandardCharsets.UTF_8), "x"), StandardCharsets.UTF_8))
        .isEqualTo("{\"eventID\":\"x\" }");
  }
}
