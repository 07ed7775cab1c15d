package io.orgtrail.bench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorSettingsTest {
  private static final Map<String, String> OPTIONS = Map.of("compressionLevel", "--compression-level");

  @Test
  void givesOneYamlLinePerSettingInTheOrderGiven() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("writerThreads", "8");
    settings.put(" maxBufferedBytes", "1048576");
    assertThat(AggregatorSettings.yamlLines(settings, OPTIONS))
        .containsExactly("writerThreads: 8", "maxBufferedBytes: 1048576");
  }

  @Test
  void refusesASettingTheBenchmarkTakesFromItsOwnOptionAndNamesThatOption() {
    assertThatThrownBy(() -> AggregatorSettings.yamlLines(Map.of("compressionLevel", "1"), OPTIONS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--aggregator-setting compressionLevel")
        .hasMessageContaining("use --compression-level");
  }

  @Test
  void refusesTheSetupTheBenchmarkWritesItself() {
    assertThatThrownBy(() -> AggregatorSettings.yamlLines(Map.of("store", "x"), OPTIONS))
        .hasMessageContaining("the benchmark sets store itself");
  }
}
