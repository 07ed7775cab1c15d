package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.Pause;
import io.orgtrail.bench.common.Percentiles;
import io.orgtrail.bench.common.Progress;
import io.orgtrail.bench.common.WatchedWait;
import io.orgtrail.bench.process.ChildProcess;
import io.orgtrail.bench.process.ProcFs;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One run: starts the cluster, lets it warm up, measures over the window (stats samples, CPU and memory from
 * /proc), stops orgtrail's processes, reads back a sample of the files delivered in the window, and measures the
 * gzip limit on their records.
 */
final class PipelineRun {
  /** Stats lines come every second: one after the window's end comes within this, or a process is stuck. */
  private static final Duration LAST_SAMPLE_TIMEOUT = Duration.ofSeconds(10);
  /** From the processes' start to every agent's first acknowledgement: JVM starts on a busy machine. */
  private static final Duration FIRST_ACK_TIMEOUT = Duration.ofSeconds(90);

  private final ClusterSpec spec;
  private final Duration warmup;
  private final Duration duration;
  private final Duration limitDuration;
  private final ProcFs proc;
  private final DeliveryProbe probe;
  private final Progress progress;
  private List<byte[]> deliveredRecords = List.of();

  PipelineRun(ClusterSpec spec, Duration warmup, Duration duration, Duration limitDuration, ProcFs proc,
      DeliveryProbe probe, Progress progress) {
    this.spec = spec;
    this.warmup = warmup;
    this.duration = duration;
    this.limitDuration = limitDuration;
    this.proc = proc;
    this.probe = probe;
    this.progress = progress;
  }

  RunFigures execute(int run, Path runDir) throws BenchFailure, IOException {
    progress.say("work dir " + runDir);
    try (PipelineCluster cluster = PipelineCluster.start(spec, runDir, progress)) {
      try {
        return measure(run, cluster);
      } catch (BenchFailure | RuntimeException e) {
        // A process may die between two checks, and reading its /proc files fails: the same failure.
        throw BenchFailure.withLogs(e, cluster.logDir(), cluster.minioLog().map(l -> ", MinIO's: " + l).orElse(""));
      }
    }
  }

  /**
   * After {@link #execute}: records read back from the files delivered in the window (the generator's, as the agents
   * made them; the rsyslog peer is fed these), in file order, about 8 MB.
   */
  List<byte[]> deliveredRecords() {
    return deliveredRecords;
  }

  private RunFigures measure(int run, PipelineCluster cluster) throws BenchFailure, IOException {
    List<ChildProcess> agents = cluster.agents();
    List<SampleLog<AgentSample>> agentSamples = cluster.agentSamples();

    progress.say("waiting for every agent's first acknowledgement");
    awaitFirstAcknowledgements(cluster);
    progress.say("warming up for " + warmup.toSeconds() + " s");
    long warmupStart = System.nanoTime();
    watch(cluster).waitOut(warmupStart, warmup, elapsed -> "warming up " + elapsed + "/" + warmup.toSeconds()
        + " s: " + acknowledgedSoFar(agentSamples) + " events acknowledged so far");

    Cpu cpuAtStart = cpu(cluster, true);
    long startNanos = System.nanoTime();
    Instant start = Instant.now();
    watch(cluster).waitOut(startNanos, duration, elapsed -> String.format(Locale.ROOT,
        "measuring %d/%d s: %,.0f events/s", elapsed, duration.toSeconds(), rateSince(agentSamples, startNanos)));
    long endNanos = System.nanoTime();
    Instant end = Instant.now();
    Cpu cpuAtEnd = cpu(cluster, false);
    Rss rss = rss(cluster);
    // After the window, so that the thread dumps' own cost is not in it.
    List<Map<Long, ProcFs.ThreadTicks>> agentThreads = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      agentThreads.add(named(cpuAtEnd.agentThreads().get(i), JavaThreadNames.of(agents.get(i).pid())));
    }
    Map<Long, ProcFs.ThreadTicks> aggregatorThreads =
        named(cpuAtEnd.aggregatorThreads(), JavaThreadNames.of(cluster.aggregator().pid()));
    MeasurementWindow window = new MeasurementWindow(startNanos, endNanos, start, end);
    awaitSampleAfter(cluster, endNanos);
    WindowRates.Agents a = WindowRates.agents(agentSamples, window);
    WindowRates.Aggregator g = WindowRates.aggregator(cluster.aggregatorSamples(), window);
    if (a.eventsPerSecond() <= 0) {
      throw new BenchFailure("no event was acknowledged during the " + duration.toSeconds() + " s window; the "
          + "aggregator's log: " + cluster.aggregator().logFile());
    }
    cluster.stopOrgtrail();

    progress.say("reading back the files delivered during the window");
    DeliveryProbe.Result delivered;
    try (ObjectStore store = cluster.openStore()) {
      delivered = probe.read(store, start, end);
    } catch (StoreException e) {
      throw new BenchFailure("could not read the delivered files back: " + e.getMessage(), e);
    }
    if (delivered.filesInWindow() == 0 || delivered.recordsRead() == 0) {
      throw new BenchFailure("no log file was delivered during the " + duration.toSeconds()
          + " s window; the aggregator's log: " + cluster.aggregator().logFile());
    }
    progress.say(String.format(Locale.ROOT, "measuring the gzip limit on %,d records for %d s",
        delivered.gzipSample().size(), limitDuration.toSeconds()));
    GzipLimit.Result limit = new GzipLimit(spec.compressionLevel()).measure(delivered.gzipSample(), limitDuration);
    deliveredRecords = List.copyOf(delivered.gzipSample());

    double millions = a.eventsPerSecond() * window.seconds() / 1e6;
    long[] latencies = delivered.latenciesMillis();
    return new RunFigures(spec.store(), run, spec.agents(),
        a.eventsPerSecond(), a.eventsPerSecond() * delivered.meanRecordBytes() / 1e6, delivered.meanRecordBytes(),
        a.ackP50Millis(), a.ackP99Millis(),
        Percentiles.of(latencies, 50), Percentiles.of(latencies, 99), latencies.length,
        delivered.filesRead(), delivered.filesInWindow(),
        (cpuAtEnd.agents - cpuAtStart.agents) / millions,
        (cpuAtEnd.aggregator - cpuAtStart.aggregator) / millions,
        (cpuAtEnd.minio - cpuAtStart.minio) / millions,
        rss.agentMax / 1e6, rss.aggregator / 1e6, rss.minio / 1e6,
        a.accepted(), a.acknowledged(), a.spoolEvents(), g.eventsWrittenPerSecond(), g.storeFailures(), limit,
        perMillion(CpuSplit.seconds(cpuAtStart.agentThreads(), agentThreads,
            cpuAtEnd.agents() - cpuAtStart.agents(), proc), millions),
        perMillion(CpuSplit.seconds(List.of(cpuAtStart.aggregatorThreads()), List.of(aggregatorThreads),
            cpuAtEnd.aggregator() - cpuAtStart.aggregator(), proc), millions));
  }

  /** Waits on the cluster: a process that dies ends any wait. */
  private WatchedWait watch(PipelineCluster cluster) {
    return new WatchedWait(cluster::requireAllAlive, progress);
  }

  /**
   * Waits until every agent has had events acknowledged: the processes are up (JVM start, enrolment checks, first
   * connection), so that the warm-up is load and not start-up.
   */
  private static void awaitFirstAcknowledgements(PipelineCluster cluster) throws BenchFailure {
    long deadline = System.nanoTime() + FIRST_ACK_TIMEOUT.toNanos();
    List<ChildProcess> agents = cluster.agents();
    List<SampleLog<AgentSample>> samples = cluster.agentSamples();
    for (int i = 0; i < agents.size(); i++) {
      SampleLog<AgentSample> log = samples.get(i);
      while (log.latest().map(t -> t.sample().acknowledged()).orElse(0L) == 0) {
        cluster.requireAllAlive();
        if (System.nanoTime() - deadline > 0) {
          throw new BenchFailure(agents.get(i).name() + " had nothing acknowledged within "
              + FIRST_ACK_TIMEOUT.toSeconds() + " s of its start (" + (log.size() == 0 ? "it printed no stats line"
              : "its stats lines say 0 acknowledged") + "); its log: " + agents.get(i).logFile()
              + "; the aggregator's: " + cluster.aggregator().logFile());
        }
        Pause.sleep(Duration.ofMillis(50));
      }
    }
  }

  /** Waits until every process printed a stats line after the window's end, so that spans cover the window. */
  private void awaitSampleAfter(PipelineCluster cluster, long endNanos) throws BenchFailure {
    List<SampleLog<?>> logs = new ArrayList<>(cluster.agentSamples());
    logs.add(cluster.aggregatorSamples());
    watch(cluster).until(() -> logs.stream().noneMatch(l -> l.atOrAfter(endNanos).isEmpty()), LAST_SAMPLE_TIMEOUT,
        () -> "a process printed no stats line within " + LAST_SAMPLE_TIMEOUT.toSeconds()
            + " s after the window (they print one every second)");
  }

  private static long acknowledgedSoFar(List<SampleLog<AgentSample>> logs) {
    return logs.stream().mapToLong(l -> l.latest().map(t -> t.sample().acknowledged()).orElse(0L)).sum();
  }

  private static double rateSince(List<SampleLog<AgentSample>> logs, long startNanos) {
    double rate = 0;
    for (SampleLog<AgentSample> log : logs) {
      var first = log.atOrBefore(startNanos);
      var last = log.latest();
      if (first.isPresent() && last.isPresent() && last.get().nanos() > first.get().nanos()) {
        rate += (last.get().sample().acknowledged() - first.get().sample().acknowledged())
            / ((last.get().nanos() - first.get().nanos()) / 1e9);
      }
    }
    return rate;
  }

  /**
   * CPU seconds used so far: the agents summed, the aggregator, MinIO (NaN without it); and the agents' and the
   * aggregator's threads.
   */
  private record Cpu(double agents, double aggregator, double minio, List<Map<Long, ProcFs.ThreadTicks>> agentThreads,
      Map<Long, ProcFs.ThreadTicks> aggregatorThreads) {}

  private Cpu cpu(PipelineCluster cluster, boolean atStart) {
    ClusterCpu c = ClusterCpu.read(proc, cluster.agents(), cluster.aggregator(), atStart);
    OptionalLong minio = cluster.minioPid();
    return new Cpu(c.agents(), c.aggregator(), minio.isPresent() ? proc.cpuSeconds(minio.getAsLong()) : Double.NaN,
        c.agentThreads(), c.aggregatorThreads());
  }

  /** The threads with their full Java names where the thread dump has them. */
  private static Map<Long, ProcFs.ThreadTicks> named(Map<Long, ProcFs.ThreadTicks> threads, Map<Long, String> names) {
    Map<Long, ProcFs.ThreadTicks> named = new HashMap<>();
    threads.forEach((id, t) -> named.put(id, new ProcFs.ThreadTicks(names.getOrDefault(id, t.name()), t.ticks())));
    return named;
  }

  /** Seconds per million events by thread group. */
  private Map<String, Double> perMillion(Map<String, Double> seconds, double millions) {
    Map<String, Double> perMillion = new LinkedHashMap<>();
    seconds.forEach((group, s) -> perMillion.put(group, s / millions));
    return perMillion;
  }

  /** Peak resident bytes: the highest agent's, the aggregator's, MinIO's (NaN without it). */
  private record Rss(double agentMax, double aggregator, double minio) {}

  private Rss rss(PipelineCluster cluster) {
    long agentMax = 0;
    for (ChildProcess a : cluster.agents()) {
      agentMax = Math.max(agentMax, proc.peakRssBytes(a.pid()));
    }
    OptionalLong minio = cluster.minioPid();
    return new Rss(agentMax, proc.peakRssBytes(cluster.aggregator().pid()),
        minio.isPresent() ? proc.peakRssBytes(minio.getAsLong()) : Double.NaN);
  }
}
