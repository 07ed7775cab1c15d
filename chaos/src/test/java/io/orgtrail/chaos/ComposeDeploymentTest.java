package io.orgtrail.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's container path, exactly as a platform team runs it: {@code scripts/compose-smoke.sh} builds the
 * images, brings {@code docker/compose.yaml} up (MinIO, setup, aggregator, three agents), waits for log files and
 * digests of every account, reads as a member admin from outside the compose network (own account listed, another
 * refused by the access service and by MinIO), stops everything and validates every chain. Exit code 0 only when
 * every step passed.
 */
class ComposeDeploymentTest {
  @Test
  void composeUpDeliversAndAMemberAdminReadsFromOutside() throws Exception {
    Path repository = Path.of("..").toAbsolutePath().normalize();
    Path log = Files.createDirectories(Path.of("target", "chaos-logs").toAbsolutePath()).resolve("compose-smoke.log");
    ProcessBuilder pb = new ProcessBuilder("bash", "scripts/compose-smoke.sh")
        .directory(repository.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("ORGTRAIL_JAR", repository.resolve("cli/target/orgtrail.jar").toString());
    long t0 = System.nanoTime();
    Process smoke = pb.start();
    boolean finished = smoke.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      smoke.destroy(); // SIGTERM: the script's trap still takes the deployment down
      smoke.waitFor(2, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> output = Files.readAllLines(log);
    String last = output.stream().filter(l -> l.startsWith("OK:")).findFirst()
        .orElse(output.isEmpty() ? "(no output)" : output.get(output.size() - 1));
    System.out.printf("[compose smoke] scripts/compose-smoke.sh %s in %.0f s: %s%n",
        finished ? "exit " + smoke.exitValue() : "timed out", seconds, last);

    assertThat(finished).as("compose-smoke.sh finished within 10 minutes; see " + log).isTrue();
    assertThat(smoke.exitValue()).as("compose-smoke.sh exit code; its output:\n" + String.join("\n", output))
        .isZero();
    assertThat(output).anyMatch(l -> l.startsWith("OK: log files and digests for"));
  }
}
