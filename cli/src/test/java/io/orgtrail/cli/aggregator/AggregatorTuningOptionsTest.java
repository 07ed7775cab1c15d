package io.orgtrail.cli.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.aggregator.AggregatorConfig;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code statsLogInterval}, {@code compressionLevel} and {@code writerThreads} in the aggregator's YAML, and
 * {@code --stats-interval}, {@code --compression-level} and {@code --writer-threads}, reach {@link AggregatorConfig}.
 */
class AggregatorTuningOptionsTest {
  @TempDir Path dir;

  private AggregatorConfig configOf(String yaml, String... flags) throws Exception {
    Path file = Files.writeString(dir.resolve("aggregator.yaml"),
        "orgId: o-a1b2c3d4e5\ndataDir: " + dir.resolve("data") + "\n" + yaml);
    AggregatorCommand command = new AggregatorCommand();
    new CommandLine(command).parseArgs(flags);
    return command.toConfig(YamlFiles.read(file, AggregatorSettings.class, AggregatorSettings.EMPTY));
  }

  @Test
  void defaultsToOneMinute() throws Exception {
    assertThat(configOf("").statsLogInterval()).isEqualTo(AggregatorConfig.DEFAULT_STATS_LOG_INTERVAL);
  }

  @Test
  void readsTheSettingFromTheFile() throws Exception {
    assertThat(configOf("statsLogInterval: 1s\n").statsLogInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(configOf("statsLogInterval: 0s\n").statsLogInterval()).isZero();
  }

  @Test
  void theFlagWinsOverTheFile() throws Exception {
    assertThat(configOf("statsLogInterval: 1s\n", "--stats-interval", "2s").statsLogInterval())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aValueThatIsNoDurationNamesTheSetting() {
    assertThatThrownBy(() -> configOf("statsLogInterval: often\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("statsLogInterval")
        .hasMessageContaining("'often'");
  }

  @Test
  void compressionLevelDefaultsToSixAndComesFromTheFileOrTheFlag() throws Exception {
    assertThat(configOf("").compressionLevel()).isEqualTo(6);
    assertThat(configOf("compressionLevel: 1\n").compressionLevel()).isEqualTo(1);
    assertThat(configOf("compressionLevel: 1\n", "--compression-level", "9").compressionLevel()).isEqualTo(9);
  }

  @Test
  void aCompressionLevelOutOfRangeSaysWhatIsAllowed() {
    assertThatThrownBy(() -> configOf("compressionLevel: 12\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compression level 12")
        .hasMessageContaining("1 (fastest) to 9");
  }

  @Test
  void writerThreadsDefaultToSixteenAndComeFromTheFileOrTheFlag() throws Exception {
    assertThat(configOf("").writerThreads()).isEqualTo(AggregatorConfig.DEFAULT_WRITER_THREADS);
    assertThat(configOf("writerThreads: 32\n").writerThreads()).isEqualTo(32);
    assertThat(configOf("writerThreads: 32\n", "--writer-threads", "8").writerThreads()).isEqualTo(8);
    assertThatThrownBy(() -> configOf("writerThreads: 0\n")).hasMessageContaining("writerThreads");
  }
}
