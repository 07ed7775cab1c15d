package io.orgtrail.bench.scale;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.Pause;
import io.orgtrail.bench.common.Progress;
import io.orgtrail.bench.common.WatchedWait;
import io.orgtrail.bench.process.ProcFs;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One scale run: starts the aggregator and the simulators, waits until every stream has had an acknowledgement,
 * warms up, measures over the window (the simulators count acknowledgements between two commands; /proc, the GC
 * log and the aggregator's stats lines tell its side), takes a live-heap histogram, stops the load, waits for the
 * last acknowledgements, and checks every delivered event against them.
 */
final class ScaleRun {
  /** JVM start, dataset templates, enrolment keys and one connection per stream, on a busy machine. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration FIRST_ACK_TIMEOUT = Duration.ofSeconds(180);
  /** The aggregator logs its stats every second: one after a moment comes within this, or it is stuck. */
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(15);
  /** Beyond the simulators' own drain timeout: writing their result files. */
  private static final Duration DONE_MARGIN = Duration.ofSeconds(60);
  private static final int HISTOGRAM_ROWS = 8;
  private static final int HISTOGRAM_ATTEMPTS = 3;
  private static final int PROBLEMS_SHOWN = 5;
  private static final int READ_THREADS = 2;

  private final ScaleSpec spec;
  private final ProcFs proc;
  private final Path jcmd;
  private final Progress progress;

  ScaleRun(ScaleSpec spec, ProcFs proc, Path jcmd, Progress progress) {
    this.spec = spec;
    this.proc = proc;
    this.jcmd = jcmd;
    this.progress = progress;
  }

  ScaleFigures execute(Path runDir) throws BenchFailure, IOException, InterruptedException {
    EventIds ids = new EventIds(new SecureRandom().nextInt());
    try (ScaleCluster cluster = ScaleCluster.start(spec, runDir, ids, progress)) {
      try {
        return measure(cluster, ids);
      } catch (BenchFailure | RuntimeException e) {
        // A process may die between two checks, and reading its /proc files fails: the same failure.
        throw BenchFailure.withLogs(e, cluster.logDir(), "");
      }
    }
  }

  private ScaleFigures measure(ScaleCluster cluster, EventIds ids)
      throws BenchFailure, IOException, InterruptedException {
    List<SimulatorHandle> simulators = cluster.simulators();
    long aggregatorPid = cluster.aggregator().pid();
    awaitReady(cluster);
    awaitFirstAcknowledgements(cluster);

    warmUp(cluster);
    double aggregatorCpuStart = proc.cpuSeconds(aggregatorPid);
    double simulatorCpuStart = simulatorCpu(simulators);
    long wallStart = System.currentTimeMillis();
    long start = System.nanoTime();
    long ackedAtStart = acknowledged(simulators);
    for (SimulatorHandle s : simulators) {
      s.send(SimulatorProtocol.WINDOW_START);
    }
    watch(cluster).waitOut(start, spec.duration(), elapsed -> String.format(Locale.ROOT,
        "measuring %d/%d s: %,.0f events/s acknowledged", elapsed, spec.duration().toSeconds(),
        (acknowledged(simulators) - ackedAtStart) / ((System.nanoTime() - start) / 1e9)));
    for (SimulatorHandle s : simulators) {
      s.send(SimulatorProtocol.WINDOW_END);
    }
    long end = System.nanoTime();
    long wallEnd = System.currentTimeMillis();
    double aggregatorCpuEnd = proc.cpuSeconds(aggregatorPid);
    double simulatorCpuEnd = simulatorCpu(simulators);
    long peakRss = proc.peakRssBytes(aggregatorPid);
    long threads = proc.threadCount(aggregatorPid);
    double windowSeconds = (end - start) / 1e9;

    awaitAggregatorStatusAfter(cluster, end);
    List<String> problems = new ArrayList<>();
    LiveHeap live = liveHeap(cluster, aggregatorPid, problems);

    progress.say("stopping the load; waiting for the last acknowledgements (at most "
        + spec.drainTimeout().toSeconds() + " s)");
    for (SimulatorHandle s : simulators) {
      s.send(SimulatorProtocol.STOP);
    }
    awaitDone(cluster);
    awaitAggregatorStatusAfter(cluster, System.nanoTime());
    Results results = results(simulators);
    List<StreamResult> streams = results.streams();
    List<ScaleCluster.TimedStatus> statuses = cluster.aggregatorStatus();
    cluster.stopProcesses();

    progress.say("reading every delivered log file back");
    DeliveredEvents.Reconciliation delivered;
    try (ObjectStore store = cluster.openStore()) {
      delivered = DeliveredEvents.reconcile(
          new DeliveredEvents(ids, spec.streams(), spec.plan().batchSize(), READ_THREADS).read(store), streams);
    } catch (StoreException e) {
      throw new BenchFailure("could not read the delivered files back: " + e.getMessage(), e);
    }

    List<GcLog.Pause> pauses = GcLog.read(cluster.gcLog());
    long windowEvents = streams.stream().mapToLong(StreamResult::windowAckedEvents).sum();
    long windowBytes = streams.stream().mapToLong(StreamResult::windowAckedBytes).sum();
    ScaleFigures.AggregatorFigures aggregator = aggregatorFigures(statuses, start, end, pauses, wallStart, wallEnd,
        live, peakRss, threads, (aggregatorCpuEnd - aggregatorCpuStart), windowSeconds, windowEvents);
    return new ScaleFigures(spec, windowSeconds, windowEvents, windowBytes,
        ScaleFigures.Latency.of(results.latenciesMillis()),
        Fairness.of(streams.stream().mapToLong(StreamResult::windowAckedEvents).toArray()),
        streams.stream().mapToLong(StreamResult::backlogEventsAtWindowEnd).sum(),
        (int) streams.stream().filter(st -> st.backlogEventsAtWindowEnd() > 0).count(), aggregator,
        (simulatorCpuEnd - simulatorCpuStart) / windowSeconds, correctness(streams, delivered, problems));
  }

  /** The histogram, and whether the JVM ran the full collection before it (it skips it while the GC locker is held). */
  private record LiveHeap(ClassHistogram histogram, boolean afterFullGc) {}

  /**
   * A live-object histogram of the aggregator under load. {@code jcmd GC.class_histogram} collects first, except when
   * a thread holds the GC locker (JNI critical sections: zlib, file I/O); then the counts include garbage. The GC
   * log tells: a full pause right after asking. Tried a few times, then reported for what it is.
   */
  private LiveHeap liveHeap(ScaleCluster cluster, long pid, List<String> problems) throws InterruptedException {
    progress.say("taking the aggregator's live heap histogram (jcmd GC.class_histogram, a full collection)");
    ClassHistogram histogram = null;
    for (int attempt = 1; attempt <= HISTOGRAM_ATTEMPTS; attempt++) {
      long asked = System.currentTimeMillis();
      try {
        histogram = ClassHistogram.take(jcmd, pid, cluster.logDir().resolve("aggregator-histogram.txt"),
            HISTOGRAM_ROWS);
        boolean collected = GcLog.read(cluster.gcLog()).stream()
            .anyMatch(p -> p.full() && p.atEpochMillis() >= asked);
        if (collected) {
          return new LiveHeap(histogram, true);
        }
      } catch (IOException e) {
        problems.add("no live heap histogram (attempt " + attempt + "): " + e.getMessage());
      }
    }
    if (histogram != null) {
      problems.add("the aggregator's JVM skipped the full collection before each of " + HISTOGRAM_ATTEMPTS
          + " heap histograms (GC locker held): the histogram includes garbage");
    }
    return new LiveHeap(histogram, false);
  }

  private void warmUp(ScaleCluster cluster) throws BenchFailure {
    List<SimulatorHandle> simulators = cluster.simulators();
    progress.say("warming up for " + spec.warmup().toSeconds() + " s");
    long warmupStart = System.nanoTime();
    long[] last = {acknowledged(simulators), warmupStart};
    watch(cluster).waitOut(warmupStart, spec.warmup(), elapsed -> {
      long now = System.nanoTime();
      long acked = acknowledged(simulators);
      double rate = (acked - last[0]) / ((now - last[1]) / 1e9);
      last[0] = acked;
      last[1] = now;
      return String.format(Locale.ROOT, "warming up %d/%d s: %,.0f events/s acknowledged", elapsed,
          spec.warmup().toSeconds(), rate);
    });
  }

  /** What the simulators wrote: every stream's result (by stream) and the window's latencies. */
  private record Results(List<StreamResult> streams, long[] latenciesMillis) {}

  private static Results results(List<SimulatorHandle> simulators) throws IOException {
    List<StreamResult> streams = new ArrayList<>();
    List<long[]> latencies = new ArrayList<>();
    for (SimulatorHandle s : simulators) {
      SimulatorResult r = SimulatorResult.read(s.resultFile());
      streams.addAll(r.streams());
      latencies.add(r.windowLatenciesMillis());
    }
    streams.sort(Comparator.comparingInt(StreamResult::stream));
    return new Results(streams, latencies.stream().flatMapToLong(Arrays::stream).toArray());
  }

  private static ScaleFigures.Correctness correctness(List<StreamResult> streams,
      DeliveredEvents.Reconciliation delivered, List<String> problems) {
    List<String> all = new ArrayList<>(problems);
    streams.stream().filter(s -> s.problem() != null).limit(PROBLEMS_SHOWN)
        .forEach(s -> all.add("stream " + s.stream() + " (" + s.agentId() + "): " + s.problem()));
    return new ScaleFigures.Correctness(delivered,
        streams.stream().mapToLong(StreamResult::rejectedBatches).sum(),
        streams.stream().mapToLong(StreamResult::rejectedEvents).sum(),
        streams.stream().mapToLong(StreamResult::unexpectedAcks).sum(),
        (int) streams.stream().filter(StreamResult::failed).count(),
        streams.stream().mapToLong(s -> s.unackedSequences().size()).sum(), all);
  }

  private ScaleFigures.AggregatorFigures aggregatorFigures(List<ScaleCluster.TimedStatus> statuses, long start,
      long end, List<GcLog.Pause> pauses, long wallStart, long wallEnd, LiveHeap live, long peakRss, long threads,
      double cpuSeconds, double windowSeconds, long windowEvents) throws BenchFailure {
    ScaleCluster.TimedStatus before = null;
    ScaleCluster.TimedStatus after = null;
    int maxPaused = 0;
    long maxBuffered = 0;
    for (ScaleCluster.TimedStatus t : statuses) {
      if (t.nanos() <= start) {
        before = t;
      }
      if (after == null && t.nanos() >= end) {
        after = t;
      }
      if (t.nanos() >= start && t.nanos() <= end) {
        maxPaused = Math.max(maxPaused, t.status().pausedStreams());
        maxBuffered = Math.max(maxBuffered, t.status().bufferedBytes());
      }
    }
    if (before == null || after == null) {
      throw new BenchFailure("the aggregator printed no stats line before or after the window (it prints one every "
          + "second)");
    }
    AggregatorStatus last = statuses.get(statuses.size() - 1).status();
    double span = (after.nanos() - before.nanos()) / 1e9;
    return new ScaleFigures.AggregatorFigures(
        GcLog.figures(pauses, wallStart, wallEnd), GcLog.figures(pauses, Long.MIN_VALUE, wallEnd), live.histogram(),
        live.afterFullGc(), peakRss, threads,
        cpuSeconds / windowSeconds, windowEvents == 0 ? Double.NaN : cpuSeconds / (windowEvents / 1e6),
        (after.status().filesWritten() - before.status().filesWritten()) / span, maxPaused, maxBuffered,
        after.status().pushbackMillis() - before.status().pushbackMillis(), last.storeFailures(),
        last.stateSaveFailures());
  }

  private void awaitReady(ScaleCluster cluster) throws BenchFailure {
    progress.say("waiting for the simulators to open their streams");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (SimulatorHandle s : cluster.simulators()) {
      while (!s.ready()) {
        cluster.requireAllAlive();
        if (System.nanoTime() - deadline > 0) {
          throw new BenchFailure("simulator-" + s.index() + " did not open its " + s.streams() + " streams within "
              + READY_TIMEOUT.toSeconds() + " s; its log: " + s.process().logFile());
        }
        Pause.sleep(Duration.ofMillis(50));
      }
    }
  }

  /** Every stream has had an acknowledgement (or failed): the load is on, and the warm-up is not start-up. */
  private void awaitFirstAcknowledgements(ScaleCluster cluster) throws BenchFailure {
    progress.say("waiting for every stream's first acknowledgement");
    long begin = System.nanoTime();
    long deadline = begin + FIRST_ACK_TIMEOUT.toNanos();
    long nextProgress = begin + WatchedWait.PROGRESS_EVERY.toNanos();
    while (true) {
      cluster.requireAllAlive();
      int answered = 0;
      int failed = 0;
      for (SimulatorHandle s : cluster.simulators()) {
        Optional<SimulatorStatus> st = s.latest();
        answered += st.map(SimulatorStatus::withAck).orElse(0);
        failed += st.map(SimulatorStatus::failed).orElse(0);
      }
      if (answered + failed >= spec.streams()) {
        if (failed > 0) {
          progress.say(failed + " stream(s) failed before their first acknowledgement (see the simulator logs); "
              + "going on with the others");
        }
        return;
      }
      long now = System.nanoTime();
      if (now - deadline > 0) {
        throw new BenchFailure((spec.streams() - answered - failed) + " of " + spec.streams() + " streams had no "
            + "acknowledgement within " + FIRST_ACK_TIMEOUT.toSeconds() + " s of their start; the aggregator's log: "
            + cluster.aggregator().logFile());
      }
      if (now - nextProgress >= 0) {
        progress.say(answered + " of " + spec.streams() + " streams acknowledged so far");
        nextProgress += WatchedWait.PROGRESS_EVERY.toNanos();
      }
      Pause.sleep(Duration.ofMillis(100));
    }
  }

  /** Waits on the cluster: a process that dies ends any wait. */
  private WatchedWait watch(ScaleCluster cluster) {
    return new WatchedWait(cluster::requireAllAlive, progress);
  }

  private void awaitDone(ScaleCluster cluster) throws BenchFailure {
    long deadline = System.nanoTime() + spec.drainTimeout().plus(DONE_MARGIN).toNanos();
    for (SimulatorHandle s : cluster.simulators()) {
      while (!s.done()) {
        cluster.requireAllAlive();
        if (System.nanoTime() - deadline > 0) {
          throw new BenchFailure("simulator-" + s.index() + " wrote no result within "
              + spec.drainTimeout().plus(DONE_MARGIN).toSeconds() + " s of being stopped; its log: "
              + s.process().logFile());
        }
        Pause.sleep(Duration.ofMillis(50));
      }
    }
  }

  private void awaitAggregatorStatusAfter(ScaleCluster cluster, long nanos) throws BenchFailure {
    watch(cluster).until(() -> cluster.latestAggregatorStatus().map(t -> t.nanos() >= nanos).orElse(false),
        STATUS_TIMEOUT, () -> "the aggregator printed no stats line within " + STATUS_TIMEOUT.toSeconds()
            + " s (it prints one every second); its log: " + cluster.aggregator().logFile());
  }

  private static long acknowledged(List<SimulatorHandle> simulators) {
    return simulators.stream().mapToLong(s -> s.latest().map(SimulatorStatus::ackedEvents).orElse(0L)).sum();
  }

  private double simulatorCpu(List<SimulatorHandle> simulators) {
    double seconds = 0;
    for (SimulatorHandle s : simulators) {
      seconds += proc.cpuSeconds(s.process().pid());
    }
    return seconds;
  }
}
