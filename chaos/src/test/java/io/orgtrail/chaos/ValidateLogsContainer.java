package io.orgtrail.chaos;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;

/**
 * {@code orgtrail validate-logs} as a one-shot container on the cluster's network (the aggregator image, its
 * configuration and digest public keys mounted read-only): the auditor's check, run the way an operator would.
 */
final class ValidateLogsContainer {
  /** Its exit code and what it printed. */
  record Result(long exitCode, String output) {
    /** The summary lines ("... digest files valid", "... log files valid"). */
    String summary() {
      return output.lines().filter(l -> l.contains(" valid") || l.contains("INVALID")).reduce((a, b) -> a + "; " + b)
          .orElse("(no summary line)").strip();
    }
  }

  private ValidateLogsContainer() {}

  static Result run(ChaosCluster cluster, Instant start) {
    GenericContainer<?> c = new GenericContainer<>(cluster.images().aggregator())
        .withNetwork(cluster.network())
        .withEnv("JDK_JAVA_OPTIONS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
        .withEnv(cluster.storeCredentialsEnv())
        .withFileSystemBind(cluster.aggregatorConfig().toString(), "/etc/orgtrail", BindMode.READ_ONLY)
        .withFileSystemBind(cluster.aggregatorData().toString(), "/var/lib/orgtrail", BindMode.READ_ONLY)
        .withCreateContainerCmdModifier(cmd -> cmd.withLabels(new HashMap<>(Map.of(ChaosCluster.LABEL, "true"))))
        .withCommand("validate-logs", "--config", "/etc/orgtrail/aggregator.yaml", "--start-time", start.toString())
        .withStartupCheckStrategy(new UntilExited().withTimeout(Duration.ofMinutes(5)));
    try {
      c.start();
      long exit = c.getDockerClient().inspectContainerCmd(c.getContainerId()).exec().getState().getExitCodeLong();
      return new Result(exit, c.getLogs());
    } finally {
      c.stop();
    }
  }

  /** Started means finished, whatever the exit code: the code is the result, not a failure to start. */
  private static final class UntilExited extends StartupCheckStrategy {
    @Override
    public StartupStatus checkStartupState(DockerClient docker, String containerId) {
      return Boolean.TRUE.equals(getCurrentState(docker, containerId).getRunning())
          ? StartupStatus.NOT_YET_KNOWN
          : StartupStatus.SUCCESSFUL;
    }
  }
}
