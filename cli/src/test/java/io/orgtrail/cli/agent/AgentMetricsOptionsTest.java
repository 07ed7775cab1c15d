package io.orgtrail.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.agent.AgentConfig;
import io.orgtrail.agent.ListenAddress;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metricsListen} in the agent's YAML and {@code --metrics-listen} reach {@link AgentConfig}. */
class AgentMetricsOptionsTest {
  @TempDir Path dir;

  private AgentConfig configOf(String yaml, String... flags) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "keyFile: " + dir.resolve("key.json") + "\n" + yaml);
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs(flags);
    return command.toConfig(YamlFiles.read(file, AgentSettings.class, AgentSettings.EMPTY));
  }

  @Test
  void noEndpointUnlessConfigured() throws Exception {
    assertThat(configOf("").metricsListen()).isEmpty();
  }

  @Test
  void theAddressComesFromTheFileOrTheFlag() throws Exception {
    assertThat(configOf("metricsListen: 0.0.0.0:9465\n").metricsListen())
        .contains(new ListenAddress("0.0.0.0", 9465));
    assertThat(configOf("metricsListen: 0.0.0.0:9465\n", "--metrics-listen", "127.0.0.1:0").metricsListen())
        .contains(new ListenAddress("127.0.0.1", 0));
  }

  @Test
  void anAddressThatIsNoHostPortNamesTheSetting() {
    assertThatThrownBy(() -> configOf("metricsListen: 9465\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricsListen").hasMessageContaining("9465");
  }
}
