package io.orgtrail.bench.pipeline;

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
import java.util.OptionalLong;

/**
 * orgtrail as separate processes on this machine for one run: optionally a MinIO server, one aggregator and
 * {@code agents} agents with the built-in generator, each agent its own member account writing to two regions. Every
 * process's output is kept in {@code <runDir>/logs/} and its stats lines are parsed as they come.
 */
final class PipelineCluster implements AutoCloseable {
  static final String ORG_ID = "o-orgtrailbench";
  static final String BUCKET = "orgtrail";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> SECOND_REGIONS =
      List.of("eu-west-1", "us-west-2", "ap-southeast-2", "eu-central-1", "ap-northeast-1", "sa-east-1");

  private final ClusterSpec spec;
  private final Path runDir;
  private final ChildProcesses children;
  private final List<ChildProcess> agents = new ArrayList<>();
  private final List<SampleLog<AgentSample>> agentSamples = new ArrayList<>();
  private final SampleLog<AggregatorSample> aggregatorSamples = new SampleLog<>();
  private MinioServer minio;
  private long minioPid = -1;
  private ChildProcess aggregator;

  private PipelineCluster(ClusterSpec spec, Path runDir, ChildProcesses children) {
    this.spec = spec;
    this.runDir = runDir;
    this.children = children;
  }

  /** Starts everything; on failure, what was started is stopped again. */
  static PipelineCluster start(ClusterSpec spec, Path runDir, Progress progress) throws BenchFailure, IOException {
    PipelineCluster cluster = new PipelineCluster(spec, runDir, new ChildProcesses("bench"));
    try {
      cluster.startAll(progress);
      return cluster;
    } catch (BenchFailure | IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll(Progress progress) throws BenchFailure, IOException {
    Files.createDirectories(runDir.resolve("logs"));
    if (spec.store() == StoreKind.MINIO) {
      progress.say("starting MinIO");
      startMinio();
    }
    int port = FreePorts.next();
    Path registry = runDir.resolve("registry");
    Path aggregatorYaml = Files.writeString(runDir.resolve("aggregator.yaml"), aggregatorYaml(port, registry));
    progress.say("starting the aggregator (" + spec.store().label() + " store, roll interval "
        + spec.rollInterval().toMillis() + " ms)");
    aggregator = children.add(ChildProcess.start("aggregator", orgtrail("aggregator", aggregatorYaml, spec.aggregatorJavaOptions()),
        minioEnv(), runDir.resolve("logs/aggregator.log"), line -> AggregatorSample.parse(line)
            .ifPresent(s -> aggregatorSamples.add(System.nanoTime(), s))));
    PortWait.await(aggregator, aggregator.name(), port, START_TIMEOUT);

    AgentRegistry enrolment = new AgentRegistry(registry, Clock.systemUTC());
    SecureRandom random = new SecureRandom();
    progress.say("starting " + spec.agents() + " agent(s), "
        + (Double.isInfinite(spec.eventsPerSecondPerAgent()) ? "unbounded" : (long) spec.eventsPerSecondPerAgent() + " events/s")
        + " each");
    for (int i = 0; i < spec.agents(); i++) {
      String account = account(i);
      AgentCredentials credentials = enrolment.enroll(account, random);
      Path key = runDir.resolve("keys").resolve(account + ".json");
      credentials.write(key);
      Path yaml = Files.writeString(runDir.resolve("agent-" + (i + 1) + ".yaml"), agentYaml(i, key, port));
      SampleLog<AgentSample> samples = new SampleLog<>();
      agentSamples.add(samples);
      agents.add(children.add(ChildProcess.start("agent-" + (i + 1), orgtrail("agent", yaml, List.of()), Map.of(),
          runDir.resolve("logs/agent-" + (i + 1) + ".log"),
          line -> AgentSample.parse(line).ifPresent(s -> samples.add(System.nanoTime(), s)))));
    }
  }

  private void startMinio() throws BenchFailure {
    Path data = runDir.resolve("minio").resolve("data");
    try {
      minio = children.add(MinioServer.builder().dataDir(data).build());
      minio.start();
    } catch (RuntimeException e) {
      throw new BenchFailure("MinIO did not start: " + e.getMessage(), e);
    }
    String dataArg = data.toAbsolutePath().toString();
    minioPid = ProcessHandle.current().children()
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(dataArg)).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElseThrow(() -> new BenchFailure("MinIO runs at " + minio.endpoint() + " but its process (serving "
            + dataArg + ") is not among this JVM's children; cannot measure its CPU and memory"));
  }

  /** Account of agent {@code i}: 12 digits. */
  static String account(int i) {
    return String.format(Locale.ROOT, "%012d", 111100000000L + i + 1);
  }

  /** The two regions agent {@code i} generates events in. */
  static List<String> regions(int i) {
    return List.of("us-east-1", SECOND_REGIONS.get(i % SECOND_REGIONS.size()));
  }

  private String aggregatorYaml(int port, Path registry) {
    List<String> lines = new ArrayList<>(List.of(
        "listen: 127.0.0.1:" + port,
        "orgId: " + ORG_ID,
        "rollInterval: " + spec.rollInterval().toMillis() + "ms",
        "compressionLevel: " + spec.compressionLevel(),
        "dataDir: " + quoted(runDir.resolve("aggregator")),
        "registryDir: " + quoted(registry),
        "statsLogInterval: 1s"));
    lines.addAll(spec.aggregatorSettings());
    if (spec.store() == StoreKind.MINIO) {
      lines.addAll(List.of("store:", "  type: minio", "  endpoint: " + minio.endpoint(), "  bucket: " + BUCKET));
    } else {
      lines.addAll(List.of("store:", "  type: local", "  dir: " + quoted(localBucket()), "  bucket: " + BUCKET));
    }
    return String.join("\n", lines) + "\n";
  }

  private String agentYaml(int i, Path key, int aggregatorPort) {
    double rate = Double.isInfinite(spec.eventsPerSecondPerAgent()) ? PipelineBench.UNBOUNDED_GENERATOR_RATE
        : spec.eventsPerSecondPerAgent();
    return String.join("\n",
        "keyFile: " + quoted(key),
        "aggregator: 127.0.0.1:" + aggregatorPort,
        "stateDir: " + quoted(runDir.resolve("agent-state").resolve(account(i))),
        "statsLogInterval: 1s",
        "sources:",
        "  generator: {rate: " + rate + ", count: 0, regions: [" + String.join(", ", regions(i)) + "]}",
        "spool: {maxBytes: " + spec.spoolMaxBytes() + "}",
        "");
  }

  private static String quoted(Path path) {
    return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private List<String> orgtrail(String command, Path yaml, List<String> moreJavaOptions) {
    List<String> line = new ArrayList<>();
    line.add(spec.java().toString());
    line.addAll(spec.javaOptions());
    line.addAll(moreJavaOptions);
    line.addAll(List.of("-jar", spec.jar().toString(), command, "--config", yaml.toString()));
    return line;
  }

  private Map<String, String> minioEnv() {
    // INFO: the stats lines are INFO; a developer's ORGTRAIL_LOG_LEVEL=WARN would silence them.
    return minio == null ? Map.of("ORGTRAIL_LOG_LEVEL", "INFO")
        : Map.of("ORGTRAIL_LOG_LEVEL", "INFO", "ORGTRAIL_MINIO_ACCESS_KEY", minio.accessKey(),
            "ORGTRAIL_MINIO_SECRET_KEY", minio.secretKey());
  }

  /** Fails when a process is gone, naming it, its exit code and its log. */
  void requireAllAlive() throws BenchFailure {
    children.requireAllAlive();
    if (minio != null && !minio.isRunning()) {
      throw new BenchFailure("MinIO exited; its log: " + minio.logFile());
    }
  }

  List<ChildProcess> agents() {
    return List.copyOf(agents);
  }

  ChildProcess aggregator() {
    return aggregator;
  }

  List<SampleLog<AgentSample>> agentSamples() {
    return List.copyOf(agentSamples);
  }

  SampleLog<AggregatorSample> aggregatorSamples() {
    return aggregatorSamples;
  }

  /** The MinIO server's process id, when the store is MinIO. */
  OptionalLong minioPid() {
    return minioPid < 0 ? OptionalLong.empty() : OptionalLong.of(minioPid);
  }

  /** MinIO's log, when the store is MinIO. */
  Optional<Path> minioLog() {
    return minio == null ? Optional.empty() : Optional.of(minio.logFile());
  }

  /** Where the processes' logs are. */
  Path logDir() {
    return runDir.resolve("logs");
  }

  /** The store the aggregator writes to, opened from this process to read it back. */
  ObjectStore openStore() throws StoreException {
    return AggregatorBucket.open(minio, localBucket(), BUCKET);
  }

  private Path localBucket() {
    return runDir.resolve("aggregator").resolve("bucket");
  }

  /** Kills the agents and the aggregator (SIGKILL); MinIO keeps running so that the store can be read. */
  void stopOrgtrail() {
    agents.forEach(ChildProcess::close);
    if (aggregator != null) {
      aggregator.close();
    }
  }

  @Override
  public void close() {
    children.close();
  }
}
