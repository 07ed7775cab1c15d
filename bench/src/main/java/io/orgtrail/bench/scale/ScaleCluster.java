package io.orgtrail.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.bench.common.AggregatorBucket;
import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.Progress;
import io.orgtrail.bench.common.StoreKind;
import io.orgtrail.bench.process.ChildProcess;
import io.orgtrail.bench.process.ChildProcesses;
import io.orgtrail.bench.process.PortWait;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.testkit.FreePorts;
import io.orgtrail.testkit.MinioServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The processes of one scale run on this machine: optionally a MinIO server, one {@code orgtrail aggregator} with the
 * heap under test, and the simulator processes holding the enrolled agent identities. Every process's output is
 * kept in {@code <runDir>/logs/}.
 */
final class ScaleCluster implements AutoCloseable {
  static final String ORG_ID = "o-orgtrailscale";
  static final String BUCKET = "orgtrail";
  static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
      "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
      "ap-northeast-2", "ap-south-1", "ca-central-1", "sa-east-1");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String SIMULATOR_CLASS = StreamSimulator.class.getName();

  /** A stats line of the aggregator and when it came (System.nanoTime). */
  record TimedStatus(long nanos, AggregatorStatus status) {}

  private final ScaleSpec spec;
  private final Path runDir;
  private final ChildProcesses group = new ChildProcesses("bench scale");
  private final List<SimulatorHandle> simulators = new ArrayList<>();
  private final List<TimedStatus> aggregatorStatus = new CopyOnWriteArrayList<>();
  private MinioServer minio;
  private ChildProcess aggregator;
  private int port;

  private ScaleCluster(ScaleSpec spec, Path runDir) {
    this.spec = spec;
    this.runDir = runDir;
  }

  /** Enrols the agents and starts everything; on failure, what was started is stopped again. */
  static ScaleCluster start(ScaleSpec spec, Path runDir, EventIds ids, Progress progress)
      throws BenchFailure, IOException {
    ScaleCluster cluster = new ScaleCluster(spec, runDir);
    try {
      cluster.startAll(ids, progress);
      return cluster;
    } catch (BenchFailure | IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Account of stream {@code i}: 12 digits; streams go round-robin over the accounts. */
  static String account(int stream, int accounts) {
    return String.format(Locale.ROOT, "%012d", 222200000000L + stream % accounts + 1);
  }

  /**
   * The regions of stream {@code i}'s events: its account's {@code regionsPerStream} regions, so that the agents of
   * one account share them (several hosts of an account) and the log file chains are accounts x regions.
   */
  static List<String> regions(int stream, int accounts, int regionsPerStream) {
    List<String> regions = new ArrayList<>(regionsPerStream);
    int account = stream % accounts;
    for (int j = 0; j < regionsPerStream; j++) {
      regions.add(REGIONS.get((account * regionsPerStream + j) % REGIONS.size()));
    }
    return regions;
  }

  private void startAll(EventIds ids, Progress progress) throws BenchFailure, IOException {
    Files.createDirectories(logDir());
    Path registry = runDir.resolve("registry");
    List<List<Identity>> perProcess = enrol(registry, progress);
    if (spec.store() == StoreKind.MINIO) {
      progress.say("starting MinIO");
      startMinio();
    }
    port = FreePorts.next();
    Path yaml = Files.writeString(runDir.resolve("aggregator.yaml"), aggregatorYaml(registry));
    progress.say("starting the aggregator (-Xmx" + spec.aggregatorHeap() + ", " + spec.store().label()
        + " store, roll interval " + spec.rollInterval().toMillis() + " ms)");
    aggregator = group.add(ChildProcess.startWithInput("aggregator", aggregatorCommand(yaml), aggregatorEnv(),
        logDir().resolve("aggregator.log"), line -> AggregatorStatus.parse(line)
            .ifPresent(s -> aggregatorStatus.add(new TimedStatus(System.nanoTime(), s)))));
    PortWait.await(aggregator, "the aggregator", port, START_TIMEOUT);
    progress.say("starting " + spec.processes() + " simulator process(es) with " + spec.streams() + " streams");
    for (int p = 0; p < spec.processes(); p++) {
      Path identities = runDir.resolve("identities-" + (p + 1) + ".json");
      JSON.writeValue(identities.toFile(), perProcess.get(p));
      SimulatorHandle handle = new SimulatorHandle(p + 1, perProcess.get(p).size(),
          runDir.resolve("result-" + (p + 1) + ".json"));
      handle.attach(group.add(ChildProcess.startWithInput("simulator-" + (p + 1),
          simulatorCommand(identities, handle.resultFile(), ids), Map.of("ORGTRAIL_LOG_LEVEL", "WARN"),
          logDir().resolve("simulator-" + (p + 1) + ".log"), handle::accept)));
      simulators.add(handle);
    }
  }

  /** Enrols one agent per stream with the aggregator's registry; the identities, dealt round-robin to processes. */
  private List<List<Identity>> enrol(Path registry, Progress progress) throws IOException {
    progress.say("enrolling " + spec.streams() + " agents in " + spec.accounts() + " account(s)");
    AgentRegistry enrolment = new AgentRegistry(registry, Clock.systemUTC());
    SecureRandom random = new SecureRandom();
    List<List<Identity>> perProcess = new ArrayList<>();
    for (int p = 0; p < spec.processes(); p++) {
      perProcess.add(new ArrayList<>());
    }
    for (int i = 0; i < spec.streams(); i++) {
      AgentCredentials c = enrolment.enroll(account(i, spec.accounts()), random);
      perProcess.get(i % spec.processes()).add(new Identity(i, c.agentId(), c.accountId(), c.privateKey(),
          regions(i, spec.accounts(), spec.regionsPerStream())));
    }
    return perProcess;
  }

  private void startMinio() throws BenchFailure {
    try {
      minio = group.add(MinioServer.builder().dataDir(runDir.resolve("minio").resolve("data")).build());
      minio.start();
    } catch (RuntimeException e) {
      throw new BenchFailure("MinIO did not start: " + e.getMessage(), e);
    }
  }

  private String aggregatorYaml(Path registry) {
    List<String> lines = new ArrayList<>(List.of(
        "listen: 127.0.0.1:" + port,
        "orgId: " + ORG_ID,
        "rollInterval: " + spec.rollInterval().toMillis() + "ms",
        "dataDir: " + quoted(runDir.resolve("aggregator")),
        "registryDir: " + quoted(registry),
        "statsLogInterval: 1s"));
    lines.addAll(spec.aggregatorSettings());
    if (minio != null) {
      lines.addAll(List.of("store:", "  type: minio", "  endpoint: " + minio.endpoint(), "  bucket: " + BUCKET));
    } else {
      lines.addAll(List.of("store:", "  type: local", "  dir: " + quoted(localBucket()), "  bucket: " + BUCKET));
    }
    return String.join("\n", lines) + "\n";
  }

  private List<String> aggregatorCommand(Path yaml) {
    List<String> line = new ArrayList<>();
    line.add(spec.java().toString());
    line.add("-Xmx" + spec.aggregatorHeap());
    // A heap too small must show as a failed run naming the error, not as an aggregator limping on.
    line.add("-XX:+ExitOnOutOfMemoryError");
    line.add(GcLog.jvmOption(gcLog()));
    line.addAll(spec.aggregatorJavaOptions());
    line.addAll(List.of("-jar", spec.jar().toString(), "aggregator", "--config", yaml.toString()));
    return line;
  }

  private Map<String, String> aggregatorEnv() {
    // INFO: the stats lines are INFO; a developer's ORGTRAIL_LOG_LEVEL=WARN would silence them.
    return minio == null ? Map.of("ORGTRAIL_LOG_LEVEL", "INFO")
        : Map.of("ORGTRAIL_LOG_LEVEL", "INFO", "ORGTRAIL_MINIO_ACCESS_KEY", minio.accessKey(),
            "ORGTRAIL_MINIO_SECRET_KEY", minio.secretKey());
  }

  private List<String> simulatorCommand(Path identities, Path result, EventIds ids) {
    List<String> line = new ArrayList<>();
    line.add(spec.java().toString());
    line.addAll(spec.simulatorJavaOptions());
    line.addAll(List.of("-cp", spec.classpath(), SIMULATOR_CLASS,
        "--aggregator", "127.0.0.1:" + port,
        "--identities", identities.toString(),
        "--result", result.toString(),
        "--datasets", spec.datasets().toString(),
        "--run-id", String.format(Locale.ROOT, "%08x", ids.run()),
        "--batch-size", Integer.toString(spec.plan().batchSize()),
        "--batch-delay-millis", Long.toString(spec.plan().batchDelay().toMillis()),
        "--window", Integer.toString(spec.plan().window()),
        "--shared-channels", Integer.toString(spec.sharedChannels()),
        "--threads", Integer.toString(spec.simulatorThreads()),
        "--drain-timeout-seconds", Long.toString(spec.drainTimeout().toSeconds())));
    if (!spec.plan().saturated()) {
      line.addAll(List.of("--rate", Double.toString(spec.plan().eventsPerSecond())));
    }
    return line;
  }

  /**
   * Fails when a process is gone, naming it, its exit code and its log; a simulator that exited with 0 did so
   * after writing its result (the only way it does), and is not missed.
   */
  void requireAllAlive() throws BenchFailure {
    require(aggregator);
    for (SimulatorHandle s : simulators) {
      ChildProcess p = s.process();
      if (p.isAlive() || p.exitCode() != 0) {
        require(p);
      }
    }
    if (minio != null && !minio.isRunning()) {
      throw new BenchFailure("MinIO exited; its log: " + minio.logFile());
    }
  }

  private static void require(ChildProcess p) throws BenchFailure {
    if (!p.isAlive()) {
      throw new BenchFailure(p.name() + " exited with code " + p.exitCode() + outOfMemory(p) + "; its log: "
          + p.logFile());
    }
  }

  private static String outOfMemory(ChildProcess p) {
    try {
      return Files.readString(p.logFile()).contains("OutOfMemoryError") ? " (it ran out of memory: "
          + "OutOfMemoryError)" : "";
    } catch (IOException e) {
      return "";
    }
  }

  ChildProcess aggregator() {
    return aggregator;
  }

  List<SimulatorHandle> simulators() {
    return List.copyOf(simulators);
  }

  /** The aggregator's stats lines so far, oldest first. */
  List<TimedStatus> aggregatorStatus() {
    return List.copyOf(aggregatorStatus);
  }

  Optional<TimedStatus> latestAggregatorStatus() {
    List<TimedStatus> all = aggregatorStatus();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  Path logDir() {
    return runDir.resolve("logs");
  }

  Path gcLog() {
    return logDir().resolve("aggregator-gc.log");
  }

  /** The store the aggregator writes to, opened from this process to read it back. */
  ObjectStore openStore() throws StoreException {
    return AggregatorBucket.open(minio, localBucket(), BUCKET);
  }

  private Path localBucket() {
    return runDir.resolve("aggregator").resolve("bucket");
  }

  /** Kills the aggregator and the simulators (SIGKILL); MinIO keeps running so that the store can be read. */
  void stopProcesses() {
    for (ChildProcess p : group.processes()) {
      group.kill(p);
    }
  }

  @Override
  public void close() {
    group.close();
  }

  private static String quoted(Path path) {
    return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
