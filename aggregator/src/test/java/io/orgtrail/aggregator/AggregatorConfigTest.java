package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AggregatorConfigTest {
  private static AggregatorConfig.Builder minimal() {
    return AggregatorConfig.builder().orgId("o-a1b2c3d4e5").stateDir(Path.of("s")).registryDir(Path.of("r"));
  }

  @Test
  void defaults() {
    AggregatorConfig c = minimal().build();
    assertThat(c.listenHost()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isZero();
    assertThat(c.keyPrefix()).isEmpty();
    assertThat(c.rollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.maxFileBytes()).isEqualTo(64L << 20);
    assertThat(c.maxRecordBytes()).isEqualTo(256 << 10);
    assertThat(c.maxBatchBytes()).isEqualTo(8 << 20);
    assertThat(c.maxBufferedBytes()).isEqualTo(256L << 20);
    assertThat(c.maxInboundMessageBytes()).isGreaterThan(c.maxBatchBytes());
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void invalidSettingsAreRefusedWithWhatToDo() {
    assertThatThrownBy(() -> minimal().orgId(null).build()).hasMessageContaining("o-a1b2c3d4e5");
    assertThatThrownBy(() -> minimal().orgId("o-SHOUT").build()).hasMessageContaining("organization id");
    assertThatThrownBy(() -> minimal().rollInterval(Duration.ofMillis(999)).build()).hasMessageContaining("1s to 1h");
    assertThatThrownBy(() -> minimal().rollInterval(Duration.ofHours(2)).build()).hasMessageContaining("1s to 1h");
    assertThatThrownBy(() -> minimal().keyPrefix("../up").build()).hasMessageContaining("key prefix");
    assertThatThrownBy(() -> minimal().port(70000).build()).hasMessageContaining("port");
    assertThatThrownBy(() -> minimal().maxFileBytes(0).build()).hasMessageContaining("maxFileBytes");
    assertThatThrownBy(() -> minimal().maxRecordBytes(2 << 20).maxBatchBytes(1 << 20).build())
        .hasMessageContaining("maxRecordBytes");
    assertThatThrownBy(() -> minimal().stateDir(null).build()).hasMessageContaining("stateDir");
    assertThatThrownBy(() -> minimal().registryDir(null).build()).hasMessageContaining("registryDir");
    assertThat(minimal().rollInterval(Duration.ofSeconds(1)).keyPrefix("org/trail").build().keyPrefix())
        .isEqualTo("org/trail");
  }
}
