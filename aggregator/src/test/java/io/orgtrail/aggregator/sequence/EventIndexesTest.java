package io.orgtrail.aggregator.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventIndexesTest {
  @Test
  void textFormListsRangesAndReadsBack() {
    EventIndexes set = EventIndexes.range(0, 10).union(EventIndexes.of(12, 15, 16, 17));
    assertThat(set).hasToString("0-9,12,15-17");
    assertThat(EventIndexes.parse(set.toString())).isEqualTo(set);
    assertThat(set.size()).isEqualTo(14);
    assertThat(set.contains(9)).isTrue();
    assertThat(set.contains(10)).isFalse();
    assertThat(set.contains(-1)).isFalse();
    assertThat(EventIndexes.parse("")).isEqualTo(EventIndexes.NONE).hasToString("");
  }

  @Test
  void unionAndContainment() {
    EventIndexes a = EventIndexes.of(1, 2);
    assertThat(a.union(EventIndexes.of(2))).isSameAs(a);
    assertThat(a.union(EventIndexes.of(3))).isEqualTo(EventIndexes.range(1, 4));
    assertThat(EventIndexes.range(0, 5).containsAll(a)).isTrue();
    assertThat(a.containsAll(EventIndexes.range(0, 5))).isFalse();
  }

  @Test
  void malformedTextIsRefusedNamingIt() {
    assertThatThrownBy(() -> EventIndexes.parse("3-1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'3-1'");
    assertThatThrownBy(() -> EventIndexes.parse("1,,2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventIndexes.parse("x")).isInstanceOf(IllegalArgumentException.class);
  }
}
