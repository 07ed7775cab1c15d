package io.orgtrail.bench.scale;

import io.orgtrail.bench.common.AggregatorSettings;
import io.orgtrail.bench.common.BenchCommandLine;
import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.DurationConverter;
import io.orgtrail.bench.common.InterruptNotice;
import io.orgtrail.bench.common.JavaOptions;
import io.orgtrail.bench.common.Machine;
import io.orgtrail.bench.common.OrgtrailJar;
import io.orgtrail.bench.common.Progress;
import io.orgtrail.bench.common.StoreKind;
import io.orgtrail.bench.common.WorkDirectory;
import io.orgtrail.bench.micro.DatasetsDirectory;
import io.orgtrail.bench.process.ProcFs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The scale run: one real aggregator process and many simulated agent streams in a few simulator processes, measuring
 * throughput, fairness between agents, the aggregator's heap, and checking every delivered event. Run it with
 * {@code bin/bench scale} or {@code java -cp bench/target/benchmarks.jar io.orgtrail.bench.scale.ScaleBench --help}.
 */
@Command(
    name = "bench scale",
    sortOptions = false,
    description = {
      "Runs one orgtrail aggregator (a real process with the heap under test) against many simulated agents: "
          + "simulator processes, each holding many enrolled agent identities with one Ingest/Stream call apiece, "
          + "sending signed batches of real recorded CloudTrail events stamped with the agent's account, region and "
          + "unique eventIDs. Prints events/s and MB/s acknowledged over a measurement window, acknowledgement "
          + "latency p50/p99, fairness between the streams, the aggregator's heap (after GC, live, committed), RSS "
          + "and CPU, then stops the load, waits for every answer and checks every delivered event against the "
          + "acknowledgements (lost, duplicated).",
      "Exit codes: 0 figures printed and the checks passed, 1 the run failed or a check failed (rejections, stream "
          + "errors, lost or duplicated events), 2 bad usage."
    })
public final class ScaleBench implements Callable<Integer> {
  static final int FAILED = BenchCommandLine.FAILED;
  static final String SATURATED = "saturated";
  static final String AUTO = "auto";
  /** A saturated stream's window: one batch being answered while the next is on its way. */
  static final int SATURATED_WINDOW = 2;

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--streams", paramLabel = "N", defaultValue = "1000",
      description = "Simulated agents, each with its own stream (and enrolment). Default: ${DEFAULT-VALUE}.")
  int streams;

  @Option(names = "--processes", paramLabel = "P", defaultValue = "4",
      description = "Simulator processes the streams are dealt over. Default: ${DEFAULT-VALUE}.")
  int processes;

  @Option(names = "--accounts", paramLabel = "M",
      description = "Member accounts the streams belong to, round-robin (several agents may share one). Default: "
          + "one per stream.")
  Integer accounts;

  @Option(names = "--regions-per-stream", paramLabel = "K", defaultValue = "1",
      description = "Regions each stream's events are spread over (1 to 16); the aggregator writes one log file per "
          + "account and region per roll. Default: ${DEFAULT-VALUE}.")
  int regionsPerStream;

  @Option(names = "--rate-per-stream", paramLabel = "R|saturated", defaultValue = SATURATED,
      description = "Events per second each stream makes, or 'saturated': every stream keeps its in-flight window "
          + "full of full batches, and the aggregator sets the pace. Default: ${DEFAULT-VALUE}.")
  String rate;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
      description = "Events per batch at most (the agent's maxBatchEvents is 500; 1,000 agents sharing one "
          + "aggregator make smaller ones). Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--batch-delay", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "At a fixed rate: how long a stream collects events before sealing a batch (the agent's "
          + "maxBatchDelay). Default: ${DEFAULT-VALUE}.")
  Duration batchDelay;

  @Option(names = "--window", paramLabel = "K|auto", defaultValue = AUTO,
      description = "Batches a stream has in flight (sent, not acknowledged) at most. 'auto': 2 when saturated; at a "
          + "fixed rate, enough batches for a roll interval and 2 s more (the agent itself sends everything it has, "
          + "bounded by HTTP/2 flow control), so that the window limits a stream only when the aggregator falls "
          + "behind. Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(names = "--roll-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "The aggregator's roll interval (1s to 1h). Default: ${DEFAULT-VALUE}.")
  Duration rollInterval;

  @Option(names = "--aggregator-heap", paramLabel = "SIZE", defaultValue = "1g",
      description = "The aggregator's -Xmx. Default: ${DEFAULT-VALUE}.")
  String aggregatorHeap;

  @Option(names = "--aggregator-java-opts", paramLabel = "OPTIONS", defaultValue = "",
      description = "More JVM options for the aggregator, space-separated (it always gets -Xmx, "
          + "-XX:+ExitOnOutOfMemoryError and a GC log).")
  String aggregatorJavaOpts;

  @Option(names = "--aggregator-setting", paramLabel = "KEY=VALUE",
      description = "A setting of the aggregator's YAML configuration, e.g. writerThreads=16 or compressionLevel=1; "
          + "repeatable.")
  Map<String, String> aggregatorSettings = new LinkedHashMap<>();

  @Option(names = "--simulator-java-opts", paramLabel = "OPTIONS", defaultValue = "-Xmx512m",
      description = "JVM options of the simulator processes, space-separated. Default: ${DEFAULT-VALUE}.")
  String simulatorJavaOpts;

  @Option(names = "--simulator-threads", paramLabel = "T", defaultValue = "2",
      description = "Threads per simulator process for building, signing and acknowledgements, and as many for "
          + "its network. Default: ${DEFAULT-VALUE}.")
  int simulatorThreads;

  @Option(names = "--shared-channels", paramLabel = "C", defaultValue = "0",
      description = "Connections per simulator process its streams share; 0: one connection per stream, as real "
          + "agents have (streams sharing a connection also share its HTTP/2 flow control window). "
          + "Default: ${DEFAULT-VALUE}.")
  int sharedChannels;

  @Option(names = "--store", paramLabel = "local|minio", defaultValue = "local",
      description = "The aggregator's store: its embedded local directory, or a real MinIO server process. "
          + "Default: ${DEFAULT-VALUE}.")
  String store;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
      description = "Load before the window, once every stream had its first acknowledgement. Default: "
          + "${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "The measurement window. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "After the window: how long the simulators wait for the last acknowledgements. Default: "
          + "${DEFAULT-VALUE}.")
  Duration drainTimeout;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Work directory (registry, configs, store, logs, results). Default: a new temporary directory. "
          + "Deleted after a successful run unless --keep; kept when the run fails.")
  Path dir;

  @Option(names = "--keep", description = "Keep the work directory after a successful run.")
  boolean keep;

  @Option(names = "--jar", paramLabel = "FILE",
      description = "orgtrail's command-line jar (the aggregator). Default: $ORGTRAIL_JAR, or cli/target/orgtrail.jar "
          + "in this directory or above.")
  Path jar;

  @Option(names = "--datasets", paramLabel = "DIR",
      description = "The recorded CloudTrail datasets (the events' templates). Default: datasets/ here or above.")
  Path datasets;

  private ScaleFigures figures;

  public static void main(String[] args) {
    BenchCommandLine.quietLogsByDefault();
    System.exit(commandLine(new ScaleBench()).execute(args));
  }

  /** The command line with the exit codes and error handling of the benchmark. */
  static CommandLine commandLine(ScaleBench bench) {
    return BenchCommandLine.of(bench, "bench scale");
  }

  /** The figures of the last execution, when it got that far. */
  Optional<ScaleFigures> figures() {
    return Optional.ofNullable(figures);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    ScaleSpec scale = scaleSpec();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean tempDir = dir == null;
    Path work = tempDir ? Files.createTempDirectory("orgtrail-scale-") : Files.createDirectories(dir);
    Path runDir = work.resolve("scale-run");
    if (Files.exists(runDir)) {
      err.println("bench scale: " + runDir + " exists already (from an earlier run?); use an empty --dir");
      return FAILED;
    }
    Progress progress = new Progress(err, "[scale] ");
    progress.say("work directory " + work + (keep ? " (kept)" : " (deleted after a successful run; --keep keeps it)"));
    try (InterruptNotice notice = InterruptNotice.install(err, "bench scale", work)) {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      figures = new ScaleRun(scale, ProcFs.system(), jcmd, progress).execute(runDir);
    } catch (BenchFailure e) {
      out.flush();
      err.println("bench scale: the run failed: " + e.getMessage());
      err.println("bench scale: the work directory is kept: " + work);
      return FAILED;
    }
    new ScaleReport(out).print(figures, Machine.describe());
    if (!figures.correctness().ok()) {
      err.println("bench scale: the run's checks failed (see 'correctness' above); the work directory is kept: "
          + work);
      return FAILED;
    }
    if (!keep) {
      WorkDirectory.delete(tempDir ? work : runDir);
    }
    return 0;
  }

  private ScaleSpec scaleSpec() {
    require(streams >= 1 && streams <= EventIds.MAX_STREAMS, "--streams must be 1 to " + EventIds.MAX_STREAMS
        + ", not " + streams);
    require(processes >= 1 && processes <= Math.min(streams, 64), "--processes must be 1 to min(--streams, 64), not "
        + processes);
    int accountCount = accounts == null ? streams : accounts;
    require(accountCount >= 1 && accountCount <= streams, "--accounts must be 1 to --streams, not " + accountCount);
    require(regionsPerStream >= 1 && regionsPerStream <= ScaleCluster.REGIONS.size(),
        "--regions-per-stream must be 1 to " + ScaleCluster.REGIONS.size() + ", not " + regionsPerStream);
    double eventsPerSecond = eventsPerSecond();
    require(batchSize >= 1 && batchSize <= EventIds.MAX_BATCH_EVENTS, "--batch-size must be 1 to "
        + EventIds.MAX_BATCH_EVENTS + ", not " + batchSize);
    require(!batchDelay.isNegative() && !batchDelay.isZero(), "--batch-delay must be above 0");
    require(rollInterval.compareTo(Duration.ofSeconds(1)) >= 0 && rollInterval.compareTo(Duration.ofHours(1)) <= 0,
        "--roll-interval must be 1s to 1h, as the aggregator takes it");
    require(duration.compareTo(Duration.ofSeconds(2)) >= 0, "--duration must be at least 2s");
    require(rollInterval.compareTo(duration) < 0, "--roll-interval must be shorter than --duration, or nothing is "
        + "acknowledged inside the window");
    require(!warmup.isNegative(), "--warmup must not be negative");
    require(!drainTimeout.isNegative() && !drainTimeout.isZero(), "--drain-timeout must be above 0");
    require(sharedChannels >= 0, "--shared-channels must be 0 (one connection per stream) or more");
    require(simulatorThreads >= 1, "--simulator-threads must be at least 1");
    try {
      HeapSize.parse(aggregatorHeap);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--aggregator-heap: " + e.getMessage());
    }
    StoreKind where = switch (store) {
      case "local" -> StoreKind.LOCAL;
      case "minio" -> StoreKind.MINIO;
      default -> throw new ParameterException(spec.commandLine(), "--store must be local or minio, not '" + store
          + "'");
    };
    Path jarFile = jar != null ? jar.toAbsolutePath() : OrgtrailJar.locate(Path.of(""), System.getenv()).orElse(null);
    if (jarFile == null || !Files.isRegularFile(jarFile)) {
      throw new ParameterException(spec.commandLine(), "orgtrail's jar " + (jarFile == null ? OrgtrailJar.IN_REPOSITORY
          + " was not found here or above" : jarFile + " does not exist") + "; build it with bin/orgtrail --version "
          + "(or mvn -B -q -pl cli -am package -DskipTests), or name it with --jar or $" + OrgtrailJar.ENV_VAR);
    }
    Path datasetsDir;
    try {
      datasetsDir = datasets != null ? DatasetsDirectory.locate(datasets.toString(), Map.of(), Path.of(""))
          : DatasetsDirectory.locate();
    } catch (IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + " (or name it with --datasets)");
    }
    StreamPlan plan = new StreamPlan(eventsPerSecond, batchSize, batchDelay, 1);
    plan = new StreamPlan(eventsPerSecond, batchSize, batchDelay, window(plan));
    List<String> settingLines;
    try {
      settingLines = AggregatorSettings.yamlLines(aggregatorSettings, Map.of("rollInterval", "--roll-interval"));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return new ScaleSpec(streams, processes, accountCount, regionsPerStream, plan, rollInterval, aggregatorHeap,
        JavaOptions.split(aggregatorJavaOpts), settingLines, JavaOptions.split(simulatorJavaOpts),
        where, sharedChannels, simulatorThreads, warmup,
        duration, drainTimeout, jarFile, Path.of(System.getProperty("java.home"), "bin", "java"),
        System.getProperty("java.class.path"), datasetsDir.toAbsolutePath());
  }

  private int window(StreamPlan plan) {
    if (!window.equals(AUTO)) {
      try {
        int k = Integer.parseInt(window);
        require(k >= 1, "--window must be at least 1 batch, not " + k);
        return k;
      } catch (NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--window must be a number of batches or '" + AUTO
            + "', not '" + window + "'");
      }
    }
    return autoWindow(plan, rollInterval);
  }

  /**
   * 2 when saturated; at a fixed rate, the batches a stream seals during a roll interval plus 2 s (the time its
   * first batch waits for its acknowledgement when the aggregator keeps up), plus one.
   */
  static int autoWindow(StreamPlan plan, Duration rollInterval) {
    if (plan.saturated()) {
      return SATURATED_WINDOW;
    }
    long waitMillis = rollInterval.toMillis() + 2000;
    return (int) Math.max(SATURATED_WINDOW, Math.ceil((double) waitMillis / plan.tick().toMillis()) + 1);
  }

  private double eventsPerSecond() {
    if (rate.equals(SATURATED)) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double r = Double.parseDouble(rate);
      require(r > 0 && Double.isFinite(r), "--rate-per-stream must be above 0 or 'saturated', not " + rate);
      return r;
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--rate-per-stream must be events per second (e.g. 25) or '"
          + SATURATED + "', not '" + rate + "'");
    }
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
