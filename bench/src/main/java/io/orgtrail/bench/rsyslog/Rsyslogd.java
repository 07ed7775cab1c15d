package io.orgtrail.bench.rsyslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The rsyslog daemon the peer runs: found on {@code PATH} or in {@code /usr/sbin}, and checked to load every module
 * the peer needs ({@code imfile}, {@code omrelp}, {@code imrelp}, {@code impstats}) before anything is started.
 * Every instance runs in the foreground with its own configuration and pid file, never the system's.
 */
public final class Rsyslogd {
  /** What installs it, for every message that says it is missing. */
  public static final String INSTALL_HINT = "install it with scripts/install-rsyslog.sh (as root; Debian packages "
      + "rsyslog and rsyslog-relp)";
  private static final List<Path> SYSTEM_LOCATIONS = List.of(Path.of("/usr/sbin/rsyslogd"), Path.of("/sbin/rsyslogd"));
  private static final long PROBE_TIMEOUT_SECONDS = 30;

  private final Path binary;
  private final String version;

  private Rsyslogd(Path binary, String version) {
    this.binary = binary;
    this.version = version;
  }

  /** The binary that would run: {@code configured} when given, else the first on {@code PATH}, else /usr/sbin. */
  public static Optional<Path> locate(Path configured, Map<String, String> env) {
    if (configured != null) {
      return Files.isExecutable(configured) ? Optional.of(configured.toAbsolutePath()) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "rsyslogd"));
      }
    }
    candidates.addAll(SYSTEM_LOCATIONS);
    return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
  }

  /**
   * Checks that {@code binary} runs and takes the peer's agent and aggregator configurations, modules included
   * ({@code rsyslogd -N1}), written to {@code scratch}, a directory this may write to.
   *
   * @throws IllegalStateException naming what failed and how to fix it
   */
  public static Rsyslogd probe(Path binary, Path scratch) throws IOException {
    String version = firstLine(run(List.of(binary.toString(), "-v"), binary));
    // "rsyslogd  8.2302.0 (aka 2023.02) compiled with:" -> "rsyslogd 8.2302.0 (aka 2023.02)"
    version = version.replace("compiled with:", "").replaceAll("\\s+", " ").trim();
    Path work = Files.createDirectories(scratch.resolve("work"));
    Path input = Files.createDirectories(scratch.resolve("input"));
    validate(binary, scratch.resolve("agent.conf"),
        new AgentConfig("000000000000", input.resolve("events.log"), work, 1, ForwardQueue.DISK_ASSISTED,
            1024 * 1024).render());
    validate(binary, scratch.resolve("aggregator.conf"),
        new AggregatorConfig(scratch.resolve("out"), work, 1, List.of("000000000000")).render());
    return new Rsyslogd(binary, version);
  }

  /** {@code rsyslogd -N1}: the configuration parses and every module it names loads. */
  private static void validate(Path binary, Path file, String config) throws IOException {
    Files.writeString(file, config);
    Result check = run(List.of(binary.toString(), "-N1", "-f", file.toString()), binary);
    if (check.exitCode != 0) {
      throw new IllegalStateException(binary + " does not take the peer's configuration (" + file.getFileName()
          + "; its modules imfile, impstats, omrelp, imrelp: the RELP ones come with the rsyslog-relp package): "
          + check.output.trim() + "; " + INSTALL_HINT);
    }
  }

  public Path binary() {
    return binary;
  }

  /** As {@code rsyslogd -v} says, e.g. {@code rsyslogd 8.2302.0 (aka 2023.02)}. */
  public String version() {
    return version;
  }

  /** The command line of one instance: foreground, this configuration, this pid file. */
  public List<String> command(Path config, Path pidFile) {
    return List.of(binary.toString(), "-n", "-f", config.toAbsolutePath().toString(), "-i",
        pidFile.toAbsolutePath().toString());
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Path binary) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within "
            + PROBE_TIMEOUT_SECONDS + " s; is " + binary + " really rsyslogd?");
      }
      return new Result(p.exitValue(), output);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + binary, e);
    }
  }

  private static String firstLine(Result r) {
    String line = r.output.lines().findFirst().orElse("");
    if (r.exitCode != 0 || !line.startsWith("rsyslogd")) {
      throw new IllegalStateException("-v of the rsyslogd found did not answer as rsyslogd does (exit code "
          + r.exitCode + "): " + line + "; " + INSTALL_HINT);
    }
    return line;
  }
}
