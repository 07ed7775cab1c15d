package io.orgtrail.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/orgtrail} as a real child process: the self-contained jar the build produced. */
final class OrgtrailProcess implements AutoCloseable {
  static final Path JAR = Path.of("..", "cli", "target", "orgtrail.jar").toAbsolutePath().normalize();

  private final Process process;
  private final Path output;

  private OrgtrailProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static OrgtrailProcess start(Path logDir, String name, Map<String, String> env, String... args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new AssertionError(JAR + " is missing: the cli module's package phase builds it (mvn verify runs it before e2e)");
    }
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Files.createDirectories(logDir);
    Path output = logDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().putAll(env);
    return new OrgtrailProcess(pb.start(), output);
  }

  /** Runs a command to its end; returns its exit code and output. */
  static Result run(Path logDir, String name, Duration timeout, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    try (OrgtrailProcess p = start(logDir, name, env, args)) {
      if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("orgtrail " + String.join(" ", args) + " did not finish within " + timeout + ":\n" + p.output());
      }
      return new Result(p.process.exitValue(), p.output());
    }
  }

  record Result(int exitCode, String output) {}

  String output() throws IOException {
    return Files.readString(output);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits for the graceful stop; returns the exit code. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("process did not stop within " + timeout + " after SIGTERM");
    }
    return process.exitValue();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
