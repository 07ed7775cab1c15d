package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapSizeTest {
  @Test
  void readsSizesAsXmxTakesThem() {
    assertThat(HeapSize.parse("1g")).isEqualTo(1L << 30);
    assertThat(HeapSize.parse("768m")).isEqualTo(768L << 20);
    assertThat(HeapSize.parse("1048576K")).isEqualTo(1L << 30);
    assertThat(HeapSize.parse("4096")).isEqualTo(4096);
  }

  @Test
  void refusesWhatIsNoSize() {
    assertThatThrownBy(() -> HeapSize.parse("1 GiB")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'1 GiB' is not a heap size");
    assertThatThrownBy(() -> HeapSize.parse("0m")).isInstanceOf(IllegalArgumentException.class);
  }
}
