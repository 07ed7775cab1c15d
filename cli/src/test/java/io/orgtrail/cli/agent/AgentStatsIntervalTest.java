package io.orgtrail.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.agent.AgentConfig;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code statsLogInterval} in the agent's YAML and {@code --stats-interval} reach {@link AgentConfig}. */
class AgentStatsIntervalTest {
  @TempDir Path dir;

  private AgentConfig configOf(String yaml, String... flags) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "keyFile: " + dir.resolve("key.json") + "\n" + yaml);
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs(flags);
    return command.toConfig(YamlFiles.read(file, AgentSettings.class, AgentSettings.EMPTY));
  }

  @Test
  void defaultsToOneMinute() throws Exception {
    assertThat(configOf("").statsLogInterval()).isEqualTo(AgentConfig.DEFAULT_STATS_LOG_INTERVAL);
  }

  @Test
  void readsTheSettingFromTheFile() throws Exception {
    assertThat(configOf("statsLogInterval: 1s\n").statsLogInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(configOf("statsLogInterval: 0s\n").statsLogInterval()).isZero();
  }

  @Test
  void theFlagWinsOverTheFile() throws Exception {
    assertThat(configOf("statsLogInterval: 1s\n", "--stats-interval", "250ms").statsLogInterval())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aValueThatIsNoDurationNamesTheSetting() {
    assertThatThrownBy(() -> configOf("statsLogInterval: often\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("statsLogInterval")
        .hasMessageContaining("'often'");
  }
}
