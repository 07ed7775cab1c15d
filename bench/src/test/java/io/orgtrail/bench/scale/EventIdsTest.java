package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private final EventIds ids = new EventIds(0xdeadbeef);

  @Test
  void idsAreVersion4ShapedUuidsNamingTheirOrigin() {
    String id = ids.of(999, 123_456_789L, 4095);

    assertThat(id).hasSize(EventIds.LENGTH).isEqualTo("deadbeef-03e7-4fff-8000-0000075bcd15");
    UUID uuid = UUID.fromString(id);
    assertThat(uuid.version()).isEqualTo(4);
    assertThat(uuid.variant()).isEqualTo(2);
  }

  @Test
  void parsesWhatItMakesAtAnyOffset() {
    byte[] text = ("{\"eventID\":\"" + ids.of(7, 42, 3) + "\"}").getBytes(StandardCharsets.US_ASCII);

    assertThat(ids.parse(text, 12)).contains(new EventIds.Origin(7, 42, 3));
  }

  @Test
  void anotherRunsIdsAndRandomUuidsAreForeign() {
    byte[] other = new EventIds(0x12345678).of(7, 42, 3).getBytes(StandardCharsets.US_ASCII);
    byte[] random = "3f2b1c4d-9e8f-4a7b-b6c5-d4e3f2a1b0c9".getBytes(StandardCharsets.US_ASCII);

    assertThat(ids.parse(other, 0)).isEmpty();
    assertThat(ids.parse(random, 0)).isEmpty();
    assertThat(ids.parse(random, 10)).as("too short from there").isEmpty();
  }

  @Test
  void refusesOriginsBeyondTheLayout() {
    assertThatThrownBy(() -> ids.of(EventIds.MAX_STREAMS, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ids.of(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ids.of(0, 1, EventIds.MAX_BATCH_EVENTS)).isInstanceOf(IllegalArgumentException.class);
  }
}
