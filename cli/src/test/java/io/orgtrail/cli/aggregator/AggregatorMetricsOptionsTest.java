package io.orgtrail.cli.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.aggregator.metrics.MetricFilter;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.HostPort;
import io.orgtrail.cli.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metricsListen} / {@code --metrics-listen} and {@code metricFilters} of the aggregator's YAML. */
class AggregatorMetricsOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private AggregatorSettings settings(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("aggregator.yaml"), "orgId: o-a1b2c3d4e5\n" + yaml);
    return YamlFiles.read(file, AggregatorSettings.class, AggregatorSettings.EMPTY);
  }

  private HostPort address(String yaml, String... flags) throws Exception {
    AggregatorCommand command = new AggregatorCommand();
    new CommandLine(command).parseArgs(flags);
    return command.metricsAddress(settings(yaml));
  }

  @Test
  void noMetricsEndpointUnlessConfigured() throws Exception {
    assertThat(address("")).isNull();
    assertThat(AggregatorCommand.metricFilters(settings(""))).isEmpty();
  }

  @Test
  void theListenAddressComesFromTheFileOrTheFlag() throws Exception {
    assertThat(address("metricsListen: 0.0.0.0:9464\n")).isEqualTo(HostPort.parse("0.0.0.0:9464", "x"));
    assertThat(address("metricsListen: 0.0.0.0:9464\n", "--metrics-listen", "127.0.0.1:9999"))
        .isEqualTo(HostPort.parse("127.0.0.1:9999", "x"));
    assertThatThrownBy(() -> address("metricsListen: nowhere\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricsListen").hasMessageContaining("nowhere");
  }

  @Test
  void metricFiltersAreReadWithTheirPatterns() throws Exception {
    List<MetricFilter> filters = AggregatorCommand.metricFilters(settings("""
        metricFilters:
          - name: root-activity
            pattern: {detail: {userIdentity: {type: [Root]}}}
          - name: console-logins
            pattern: '{"detail-type": ["AWS Console Sign In via CloudTrail"]}'
        """));

    assertThat(filters).extracting(MetricFilter::name).containsExactly("root-activity", "console-logins");
    assertThat(filters.get(0).pattern().matches(JSON.readTree(
        "{\"detail\":{\"userIdentity\":{\"type\":\"Root\"}}}"))).isTrue();
    assertThat(filters.get(0).pattern().matches(JSON.readTree(
        "{\"detail\":{\"userIdentity\":{\"type\":\"IAMUser\"}}}"))).isFalse();
  }

  @Test
  void badFiltersAreRefusedNamingTheEntry() {
    assertThatThrownBy(() -> AggregatorCommand.metricFilters(settings("metricFilters: [{name: x}]\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricFilters[0]").hasMessageContaining("pattern");
    assertThatThrownBy(() -> AggregatorCommand.metricFilters(settings(
        "metricFilters: [{name: 'has space', pattern: {source: [aws.ec2]}}]\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricFilters[0]").hasMessageContaining("has space");
    assertThatThrownBy(() -> AggregatorCommand.metricFilters(settings(
        "metricFilters: [{name: a, pattern: {source: aws.ec2}}]\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricFilters[0] (a).pattern");
    assertThatThrownBy(() -> AggregatorCommand.metricFilters(settings(
        "metricFilters: [{name: a, pattern: {source: [x]}}, {name: a, pattern: {source: [y]}}]\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricFilters[1] (a)").hasMessageContaining("unique");
  }
}
