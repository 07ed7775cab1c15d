package io.orgtrail.format.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {
  @Test
  void readsCloudTrailTimesAsInstantParseDoes() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L)); // years 1 to 9999
      String text = t.toString();
      assertThat(EventTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "2024-01-31T12:00:00.123Z",
      "2024-01-31T12:00:00.123456789Z", "2024-01-31T12:00:00+02:00", "2016-12-31T23:59:60Z", "0000-01-01T00:00:00Z",
      "2024-01-01T24:00:00Z", "2024-01-01T00:00:00z"})
  void acceptsWhatInstantParseAccepts(String text) {
    assertThat(EventTimes.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
      "2024-01-00T00:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:61Z",
      "2024-01-01 00:00:00Z", "2024-1a-01T00:00:00Z", "2024/01/01T00:00:00Z",
      "2024-01-01T00:00:00", "yesterday", "", "2024-01-01T00:00:0-Z"})
  void refusesWhatInstantParseRefuses(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> EventTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
