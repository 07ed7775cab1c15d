package io.orgtrail.testkit;

import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code minio server} process on 127.0.0.1, for tests. Ports are chosen when the server is built and kept
 * for its whole life, so that {@link #stop()} or {@link #kill()} followed by {@link #start()} brings the same
 * endpoint back with the same data (outage tests). The process's output goes to {@link #logFile()}, not to our
 * stdout.
 *
 * <pre>{@code
 * try (MinioServer minio = MinioServer.startInTempDir()) {
 *   MinioClient client = minio.newClient();
 *   ...
 * }
 * }</pre>
 */
public final class MinioServer implements AutoCloseable {
  /** The root user every test server is started with. */
  public static final String ACCESS_KEY = "orgtrail-test";
  /** The root password every test server is started with. */
  public static final String SECRET_KEY = "orgtrail-test-secret";

  private static final int LOG_LINES_IN_ERRORS = 40;
  private static final int FIRST_START_ATTEMPTS = 3;
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Path binary;
  private final Path dataDir;
  private final Path logFile;
  private final Path ownedTempDir;
  private final Duration startTimeout;
  private final HttpClient healthClient;

  private int port;
  private int consolePort;
  private boolean everStarted;
  private Process process;
  private Thread shutdownHook;

  private MinioServer(Builder builder) {
    this.binary = builder.binary != null ? builder.binary : MinioBinary.locate();
    this.startTimeout = builder.startTimeout;
    try {
      if (builder.dataDir == null) {
        this.ownedTempDir = Files.createTempDirectory("orgtrail-minio-");
        this.dataDir = ownedTempDir.resolve("data");
      } else {
        this.ownedTempDir = null;
        this.dataDir = builder.dataDir.toAbsolutePath();
      }
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the MinIO data directory: " + e.getMessage(), e);
    }
    this.logFile = dataDir.getParent().resolve("minio-" + dataDir.getFileName() + ".log");
    this.healthClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1))
        .build();
    pickPorts();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds and starts a server whose data lives in a new temporary directory (deleted by {@link #close()}). */
  public static MinioServer startInTempDir() {
    return builder().build().start();
  }

  /** Builds and starts a server on {@code dataDir} (created if missing, kept by {@link #close()}). */
  public static MinioServer startIn(Path dataDir) {
    return builder().dataDir(dataDir).build().start();
  }

  /**
   * Starts the process (again) and waits until {@code /minio/health/ready} answers 200 ({@code live} answers as
   * soon as the process listens, before it can serve: a request then gets XMinioServerNotInitialized). Restarts
   * reuse the same port and data directory. Does nothing when it is already running.
   *
   * @throws IllegalStateException when the process exits or does not become ready within the start timeout; the
   *     message holds its last output lines
   */
  public synchronized MinioServer start() {
    if (isRunning()) {
      return this;
    }
    if (everStarted) {
      launchAndAwaitLive();
      return this;
    }
    // The first start may lose the race for a port picked by FreePorts; then it simply picks new ones.
    for (int attempt = 1; ; attempt++) {
      try {
        launchAndAwaitLive();
        everStarted = true;
        return this;
      } catch (PortInUseException e) {
        if (attempt == FIRST_START_ATTEMPTS) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        pickPorts();
      }
    }
  }

  /** Stops the process with SIGTERM and waits for it to exit (SIGKILL if it takes longer than 15 s). */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    forgetProcess();
  }

  /** Kills the process with SIGKILL (a crash: nothing is flushed) and waits for it to be gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forgetProcess();
  }

  /** Stops the server and deletes its temporary directory when it created one. */
  @Override
  public synchronized void close() {
    stop();
    if (ownedTempDir != null) {
      deleteRecursively(ownedTempDir);
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** E.g. {@code http://127.0.0.1:40123}. */
  public synchronized String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public synchronized int port() {
    return port;
  }

  /** The port of the web console. */
  public synchronized int consolePort() {
    return consolePort;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Where the process's stdout and stderr go (appended across restarts), next to the data directory. */
  public Path logFile() {
    return logFile;
  }

  /** A new SDK client for this server, e.g. to inspect buckets in a test. */
  public MinioClient newClient() {
    return MinioClient.builder().endpoint(endpoint()).credentials(ACCESS_KEY, SECRET_KEY).build();
  }

  @Override
  public synchronized String toString() {
    return "MinioServer[" + endpoint() + ", data " + dataDir + (isRunning() ? ", running" : ", stopped") + "]";
  }

  private void pickPorts() {
    port = FreePorts.next();
    do {
      consolePort = FreePorts.next();
    } while (consolePort == port);
  }

  private void launchAndAwaitLive() {
    long logOffset = logSize();
    ProcessBuilder builder = new ProcessBuilder(
            binary.toString(), "server", dataDir.toString(),
            "--address", "127.0.0.1:" + port,
            "--console-address", "127.0.0.1:" + consolePort)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    // Settings from the developer's shell (another MinIO's credentials, a config dir) must not leak in.
    env.keySet().removeIf(name -> name.startsWith("MINIO_"));
    env.put("MINIO_ROOT_USER", ACCESS_KEY);
    env.put("MINIO_ROOT_PASSWORD", SECRET_KEY);
    env.put("MINIO_UPDATE", "off");
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + binary + ": " + e.getMessage(), e);
    }
    Process launched = process;
    shutdownHook = new Thread(launched::destroyForcibly, "minio-" + port + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);

    try {
      Await.until(startTimeout, () -> !launched.isAlive() || isReady(),
          () -> "MinIO at " + endpoint() + " to answer 200 on /minio/health/ready; its last output:\n"
              + lastOutput(logOffset));
    } catch (AssertionError timedOut) {
      kill();
      throw new IllegalStateException(timedOut.getMessage(), timedOut);
    }
    if (!launched.isAlive()) {
      String output = lastOutput(logOffset);
      int exitCode = launched.exitValue();
      forgetProcess();
      String message = "MinIO (" + binary + ") exited with code " + exitCode + " before " + endpoint()
          + " became ready (data " + dataDir + "); its last output:\n" + output;
      if (output.toLowerCase(Locale.ROOT).contains("already in use")) {
        throw new PortInUseException(message);
      }
      throw new IllegalStateException(message);
    }
  }

  private boolean isReady() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/minio/health/ready"))
        .timeout(Duration.ofSeconds(2))
        .GET()
        .build();
    try {
      return healthClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void forgetProcess() {
    process = null;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook runs anyway; nothing to undo.
      }
      shutdownHook = null;
    }
  }

  private long logSize() {
    try {
      return Files.exists(logFile) ? Files.size(logFile) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String lastOutput(long fromOffset) {
    try (InputStream in = Files.newInputStream(logFile)) {
      in.skipNBytes(Math.min(fromOffset, Files.size(logFile)));
      List<String> lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size());
      return "  | " + String.join("\n  | ", tail) + "\n(full log: " + logFile + ")";
    } catch (IOException e) {
      return "(could not read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete MinIO temp directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The first start lost the race for its port. */
  private static final class PortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
      super(message);
    }
  }

  /** Options for a {@link MinioServer}; all have defaults. */
  public static final class Builder {
    private Path binary;
    private Path dataDir;
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The {@code minio} binary; default: {@link MinioBinary#locate()}. */
    public Builder binary(Path binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    /** Where MinIO keeps its data (kept on close); default: a new temp directory (deleted on close). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** How long {@link MinioServer#start()} waits for the server to become ready; default 30 s. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    /** A server that is not started yet (its ports are already chosen). */
    public MinioServer build() {
      return new MinioServer(this);
    }
  }
}
