package io.orgtrail.bench.pipeline;

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
import io.orgtrail.bench.process.ProcFs;
import io.orgtrail.bench.rsyslog.ForwardQueue;
import io.orgtrail.bench.rsyslog.Rsyslogd;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * The pipeline benchmark: orgtrail's agents, aggregator and store as separate processes on this machine, measured
 * end to end. Run it with {@code bin/bench} or
 * {@code java -cp bench/target/benchmarks.jar io.orgtrail.bench.pipeline.PipelineBench --help}.
 */
@Command(
    name = "bench",
    sortOptions = false,
    description = {
      "Runs orgtrail's agents (built-in generator, one member account each, two regions), its aggregator and its "
          + "store as separate processes on this machine, and prints events/s and MB/s sustained over a measurement "
          + "window, acknowledgement and delivery latency p50/p99, CPU seconds per million events of each process "
          + "kind, peak RSS, and beside them the single-core gzip limit of the same records. Then the same shipping "
          + "job done by rsyslog (--peer), measured the same way, and the ratio orgtrail/rsyslog.",
      "Exit codes: 0 figures printed, 1 a run failed (the message names the process and its log), 2 bad usage."
    })
public final class PipelineBench implements Callable<Integer> {
  /** The generator rate that stands for "unbounded": far above what one machine's pipeline takes. */
  static final double UNBOUNDED_GENERATOR_RATE = 1_000_000;
  static final int FAILED = BenchCommandLine.FAILED;

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--store", paramLabel = "local|minio|both", defaultValue = "both",
      description = "The aggregator's store: its embedded local directory, a real MinIO server process, or both "
          + "one after the other. Default: ${DEFAULT-VALUE}.")
  String store;

  @Option(names = "--agents", paramLabel = "N", defaultValue = "2",
      description = "Agent processes, each its own member account. Default: ${DEFAULT-VALUE}.")
  int agents;

  @Option(names = "--rate", paramLabel = "R",
      description = "Generated events per second per agent. Default: unbounded (the generator runs far ahead, "
          + "the pipeline saturates).")
  Double rate;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
      description = "Load before the window (JIT, steady state). Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "The measurement window. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--roll-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "The aggregator's roll interval (1s to 1h): how long a log file collects events. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration rollInterval;

  @Option(names = "--compression-level", paramLabel = "1-9", defaultValue = "6",
      description = "The aggregator's gzip level (compressionLevel); the gzip limit is measured at the same level. "
          + "Default: ${DEFAULT-VALUE}, the aggregator's default.")
  int compressionLevel;

  @Option(names = "--runs", paramLabel = "K", defaultValue = "1",
      description = "Runs per store, each on fresh processes and data; with more than one, each run and the median "
          + "are printed. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Work directory (configs, state, store, logs; one subdirectory per run). Default: a new "
          + "temporary directory. What the benchmark made there is deleted after a successful run unless --keep.")
  Path dir;

  @Option(names = "--keep", description = "Keep the work directory (logs, delivered files) after a successful run.")
  boolean keep;

  @Option(names = "--spool-max-bytes", paramLabel = "BYTES", defaultValue = "67108864",
      description = "Each agent's spool bound (the agent's own default is 1 GiB): bounds the backlog a saturated "
          + "agent builds, so latencies level off within the window. Default: ${DEFAULT-VALUE} (64 MiB).")
  long spoolMaxBytes;

  @Option(names = "--java-opts", paramLabel = "OPTIONS", defaultValue = "-Xmx512m",
      description = "JVM options of the agent and aggregator processes, space-separated. Default: ${DEFAULT-VALUE}.")
  String javaOpts;

  @Option(names = "--aggregator-java-opts", paramLabel = "OPTIONS", defaultValue = "",
      description = "More JVM options for the aggregator only, after --java-opts (the later of two -Xmx wins), "
          + "e.g. \"-Xmx2g -Xmn1200m\".")
  String aggregatorJavaOpts;

  @Option(names = "--aggregator-setting", paramLabel = "KEY=VALUE",
      description = "A setting of the aggregator's YAML configuration, e.g. writerThreads=8; repeatable.")
  Map<String, String> aggregatorSettings = new LinkedHashMap<>();

  @Option(names = "--jar", paramLabel = "FILE",
      description = "orgtrail's command-line jar. Default: $ORGTRAIL_JAR, or cli/target/orgtrail.jar in this "
          + "directory or above (bin/orgtrail --version builds it).")
  Path jar;

  @Option(names = "--limit-duration", paramLabel = "DURATION", defaultValue = "3s",
      converter = DurationConverter.class,
      description = "How long the gzip limit is measured, after each run. Default: ${DEFAULT-VALUE}.")
  Duration limitDuration;

  @Option(names = "--peer", paramLabel = "rsyslog|none", defaultValue = "rsyslog",
      description = "A peer doing the same shipping job, run after orgtrail's runs with the same agents, rate, "
          + "warm-up, window and run count: rsyslog (an rsyslogd per agent tailing the same kind of records with "
          + "imfile and forwarding them over RELP to an aggregator rsyslogd that writes gzip -6 files per account "
          + "directory; bench/README.md), or none. When rsyslogd is missing the peer is not run and the output says "
          + "how to install it (scripts/install-rsyslog.sh). Default: ${DEFAULT-VALUE}.")
  String peer;

  @Option(names = "--rsyslog-queue", paramLabel = "disk-assisted|memory", defaultValue = "disk-assisted",
      description = "What backs the rsyslog agents' forwarding queues: disk-assisted (memory spilling to queue files "
          + "bounded by --spool-max-bytes, saved on shutdown: the counterpart of orgtrail's spool; saturated, every "
          + "line goes through disk) or memory (the input file is the backlog; rsyslog's cheapest setup). "
          + "Default: ${DEFAULT-VALUE}.")
  String rsyslogQueue;

  @Option(names = "--rsyslogd", paramLabel = "FILE",
      description = "The rsyslogd binary of the peer. Default: rsyslogd on PATH, else /usr/sbin/rsyslogd.")
  Path rsyslogdBinary;

  private final Map<StoreKind, List<RunFigures>> results = new EnumMap<>(StoreKind.class);
  private final List<PeerFigures> peerResults = new ArrayList<>();

  public static void main(String[] args) {
    BenchCommandLine.quietLogsByDefault();
    System.exit(commandLine(new PipelineBench()).execute(args));
  }

  /** The command line with the exit codes and error handling of the benchmark. */
  static CommandLine commandLine(PipelineBench bench) {
    return BenchCommandLine.of(bench, "bench");
  }

  /** The figures of the last execution, by store. */
  Map<StoreKind, List<RunFigures>> results() {
    return results;
  }

  /** The rsyslog peer's figures of the last execution (none when it was not run). */
  List<PeerFigures> peerResults() {
    return peerResults;
  }

  @Override
  public Integer call() throws IOException {
    List<StoreKind> stores = stores();
    boolean withPeer = withPeer();
    forwardQueue();
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path jarFile = jar != null ? jar : OrgtrailJar.locate(Path.of(""), System.getenv()).orElse(null);
    if (jarFile == null || !Files.isRegularFile(jarFile)) {
      err.println("bench: orgtrail's jar " + (jarFile == null ? OrgtrailJar.IN_REPOSITORY + " was not found here or above"
          : jarFile + " does not exist") + "; build it with bin/orgtrail --version (or mvn -B -q -pl cli -am install "
          + "-DskipTests), or name it with --jar or $" + OrgtrailJar.ENV_VAR);
      return FAILED;
    }
    boolean tempDir = dir == null;
    Path work = tempDir ? Files.createTempDirectory("orgtrail-bench-") : Files.createDirectories(dir);
    Progress progress = new Progress(err, "");
    progress.say("work directory " + work + (keep ? " (kept)" : " (deleted after a successful run; --keep keeps it)"));
    try (InterruptNotice notice = InterruptNotice.install(err, "bench", work)) {
      PeerChoice peerChoice = withPeer ? rsyslogPeer(work) : PeerChoice.left("not run (--peer none)");
      if (peerChoice.rsyslogd() == null && withPeer) {
        err.println("bench: rsyslog peer: " + peerChoice.message());
      }
      return runAll(stores, work, tempDir, jarFile, peerChoice, out, err, progress);
    }
  }

  private int runAll(List<StoreKind> stores, Path work, boolean tempDir, Path jarFile, PeerChoice peerChoice,
      PrintWriter out, PrintWriter err, Progress progress) throws IOException {
    ResultTable table = new ResultTable(out);
    table.header(Machine.describe(), setup());
    ProcFs proc = ProcFs.system();
    List<Path> made = new ArrayList<>();
    List<byte[]> orgtrailRecords = List.of();
    for (StoreKind store : stores) {
      List<RunFigures> figures = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        String name = store.label() + "-run" + run;
        Path runDir = work.resolve(name);
        if (Files.exists(runDir)) {
          err.println("bench: " + runDir + " exists already (from an earlier run?); use an empty --dir");
          return FAILED;
        }
        made.add(runDir);
        ClusterSpec cluster = new ClusterSpec(store, agents, rate == null ? Double.POSITIVE_INFINITY : rate,
            rollInterval, compressionLevel, spoolMaxBytes, jarFile.toAbsolutePath(), javaBinary(),
            JavaOptions.split(javaOpts), JavaOptions.split(aggregatorJavaOpts), settingLines());
        PipelineRun pipelineRun = new PipelineRun(cluster, warmup, duration, limitDuration, proc,
            DeliveryProbe.standard(), progress.forRun(store.label() + " run " + run + "/" + runs));
        try {
          figures.add(pipelineRun.execute(run, runDir));
          if (orgtrailRecords.isEmpty()) {
            orgtrailRecords = pipelineRun.deliveredRecords();
          }
        } catch (BenchFailure e) {
          out.flush();
          err.println("bench: " + store.label() + " run " + run + " failed: " + e.getMessage());
          err.println("bench: the work directory is kept: " + work);
          return FAILED;
        }
      }
      results.put(store, figures);
      table.store(figures);
      out.flush();
    }
    if (peerChoice.rsyslogd() != null) {
      for (int run = 1; run <= runs; run++) {
        Path runDir = work.resolve("rsyslog-run" + run);
        if (Files.exists(runDir)) {
          err.println("bench: " + runDir + " exists already (from an earlier run?); use an empty --dir");
          return FAILED;
        }
        made.add(runDir);
        PeerSpec peerSpec = PeerSpec.endless(peerChoice.rsyslogd(), agents,
            rate == null ? Double.POSITIVE_INFINITY : rate, forwardQueue(), spoolMaxBytes,
            PeerRecords.perAccount(orgtrailRecords, agents));
        RsyslogRun peerRun = new RsyslogRun(peerSpec, warmup, duration, proc, new SecureRandom(),
            progress.forRun("rsyslog run " + run + "/" + runs));
        try {
          peerResults.add(peerRun.execute(run, runDir));
        } catch (BenchFailure e) {
          out.flush();
          err.println("bench: rsyslog run " + run + " failed: " + e.getMessage());
          err.println("bench: the work directory is kept: " + work);
          return FAILED;
        }
      }
      table.peer(peerChoice.rsyslogd().version(), forwardQueue(), peerResults, results);
    } else {
      table.peerNotRun(peerChoice.message());
    }
    table.notes(rate == null, spoolMaxBytes, peerChoice.rsyslogd() != null);
    if (!keep) {
      for (Path runDir : made) {
        WorkDirectory.delete(runDir);
      }
      if (tempDir) {
        WorkDirectory.delete(work);
      }
    }
    return 0;
  }

  private String setup() {
    return String.format(Locale.ROOT, "%d agent(s) at %s, roll interval %s, warm-up %d s, window %d s, %d run(s) "
            + "per store", agents,
        rate == null ? "an unbounded rate" : String.format(Locale.ROOT, "%,.0f events/s each", rate),
        rollInterval.toMillis() % 1000 == 0 ? rollInterval.toSeconds() + " s" : rollInterval.toMillis() + " ms",
        warmup.toSeconds(), duration.toSeconds(), runs)
        + String.format(Locale.ROOT, "; gzip level %d, spools bounded to %,d bytes; JVM options: agents '%s', "
            + "aggregator '%s'%s", compressionLevel, spoolMaxBytes, javaOpts.strip(),
            (javaOpts.strip() + " " + aggregatorJavaOpts.strip()).strip(),
            aggregatorSettings.isEmpty() ? "" : "; aggregator settings: " + String.join(", ", settingLines()));
  }

  /** The rsyslogd to run the peer with, or why there is none. */
  record PeerChoice(Rsyslogd rsyslogd, String message) {
    static PeerChoice left(String message) {
      return new PeerChoice(null, message);
    }
  }

  private PeerChoice rsyslogPeer(Path work) {
    Optional<Path> binary = Rsyslogd.locate(rsyslogdBinary, System.getenv());
    if (binary.isEmpty()) {
      return PeerChoice.left("not run: " + (rsyslogdBinary != null ? rsyslogdBinary + " (--rsyslogd) is not an "
          + "executable file" : "rsyslogd was not found on PATH or in /usr/sbin") + "; " + Rsyslogd.INSTALL_HINT
          + ", then run again (--peer none leaves the peer out)");
    }
    try {
      return new PeerChoice(Rsyslogd.probe(binary.get(), work.resolve("rsyslog-probe")), "");
    } catch (IllegalStateException | IOException e) {
      return PeerChoice.left("not run: " + e.getMessage());
    } finally {
      WorkDirectory.delete(work.resolve("rsyslog-probe"));
    }
  }

  private ForwardQueue forwardQueue() {
    return ForwardQueue.of(rsyslogQueue).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "--rsyslog-queue must be disk-assisted or memory, not '" + rsyslogQueue + "'"));
  }

  private boolean withPeer() {
    return switch (peer) {
      case "rsyslog" -> true;
      case "none" -> false;
      default -> throw new ParameterException(spec.commandLine(), "--peer must be rsyslog or none, not '" + peer + "'");
    };
  }

  private List<StoreKind> stores() {
    return switch (store) {
      case "local" -> List.of(StoreKind.LOCAL);
      case "minio" -> List.of(StoreKind.MINIO);
      case "both" -> List.of(StoreKind.LOCAL, StoreKind.MINIO);
      default -> throw new ParameterException(spec.commandLine(),
          "--store must be local, minio or both, not '" + store + "'");
    };
  }

  private void validate() {
    require(agents >= 1 && agents <= 64, "--agents must be 1 to 64, not " + agents);
    require(rate == null || (rate > 0 && rate <= UNBOUNDED_GENERATOR_RATE),
        "--rate must be above 0 and at most " + (long) UNBOUNDED_GENERATOR_RATE + " events/s (omit it for unbounded)");
    require(!duration.minusSeconds(2).isNegative(), "--duration must be at least 2s (stats come every second)");
    require(!warmup.isNegative(), "--warmup must not be negative");
    require(rollInterval.compareTo(Duration.ofSeconds(1)) >= 0 && rollInterval.compareTo(Duration.ofHours(1)) <= 0,
        "--roll-interval must be 1s to 1h, as the aggregator takes it");
    require(rollInterval.compareTo(duration) < 0, "--roll-interval must be shorter than --duration, or no file is "
        + "delivered inside the window");
    require(runs >= 1, "--runs must be at least 1");
    require(spoolMaxBytes >= 4L * 1024 * 1024, "--spool-max-bytes must be at least 4194304 (a full batch)");
    require(!limitDuration.isNegative() && !limitDuration.isZero(), "--limit-duration must be above 0");
    settingLines();
  }

  private List<String> settingLines() {
    try {
      return AggregatorSettings.yamlLines(aggregatorSettings, Map.of("rollInterval", "--roll-interval",
          "compressionLevel", "--compression-level"));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  private static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
