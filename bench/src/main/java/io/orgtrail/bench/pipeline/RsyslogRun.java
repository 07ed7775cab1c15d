package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.rsyslog.DeliveredFiles;
import io.orgtrail.bench.rsyslog.InputFeeder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One run of the rsyslog peer, measured as orgtrail's: start it, wait for the first delivered lines, warm up,
 * measure over the window (impstats counters, CPU and memory from /proc), then stop it and read a sample of the
 * delivered files back, checking each line against what was fed.
 */
final class RsyslogRun {
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final Duration FIRST_DELIVERY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration LAST_SAMPLE_TIMEOUT = Duration.ofSeconds(10);
  /** Lines read back per account after the run and compared with what was fed. */
  static final int LINES_CHECKED_PER_ACCOUNT = 2000;

  private final PeerSpec spec;
  private final Duration warmup;
  private final Duration duration;
  private final ProcFs proc;
  private final RandomGenerator random;
  private final Progress progress;

  RsyslogRun(PeerSpec spec, Duration warmup, Duration duration, ProcFs proc, RandomGenerator random,
      Progress progress) {
    this.spec = spec;
    this.warmup = warmup;
    this.duration = duration;
    this.proc = proc;
    this.random = random;
    this.progress = progress;
  }

  PeerFigures execute(int run, Path runDir) throws BenchFailure, IOException {
    progress.say("work dir " + runDir);
    try (RsyslogPeer peer = RsyslogPeer.start(spec, runDir, random, progress)) {
      try {
        return measure(run, peer);
      } catch (BenchFailure | RuntimeException e) {
        String what = e instanceof BenchFailure ? e.getMessage() : e.toString();
        throw new BenchFailure(what + "\n  all logs: " + peer.logDir(), e);
      }
    }
  }

  private PeerFigures measure(int run, RsyslogPeer peer) throws BenchFailure, IOException {
    progress.say("waiting for every agent's first lines read and the aggregator's first ones written");
    awaitFirstDelivery(peer);
    progress.say("warming up for " + warmup.toSeconds() + " s");
    long warmupStart = System.nanoTime();
    waitOut(peer, warmupStart, warmup, elapsed -> String.format(Locale.ROOT,
        "warming up %d/%d s: %,d lines delivered so far", elapsed, warmup.toSeconds(),
        peer.aggregatorStats().current()));

    Cpu cpuAtStart = cpu(peer, true);
    long feederCpuAtStart = feederCpuNanos(peer);
    long startNanos = System.nanoTime();
    Instant start = Instant.now();
    long deliveredAtStart = peer.aggregatorStats().current();
    waitOut(peer, startNanos, duration, elapsed -> String.format(Locale.ROOT, "measuring %d/%d s: %,.0f events/s",
        elapsed, duration.toSeconds(), (peer.aggregatorStats().current() - deliveredAtStart)
            / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9)));
    long endNanos = System.nanoTime();
    Instant end = Instant.now();
    Cpu cpuAtEnd = cpu(peer, false);
    long feederCpuAtEnd = feederCpuNanos(peer);
    double agentRss = 0;
    for (ChildProcess a : peer.agents()) {
      agentRss = Math.max(agentRss, proc.peakRssBytes(a.pid()));
    }
    double aggregatorRss = proc.peakRssBytes(peer.aggregator().pid());
    MeasurementWindow window = new MeasurementWindow(startNanos, endNanos, start, end);
    awaitSampleAfter(peer, endNanos);

    double eventsPerSecond = WindowRates.perSecond(peer.aggregatorStats().samples(), window);
    double read = 0;
    long queued = peer.aggregatorStats().queued();
    long discarded = peer.aggregatorStats().discarded();
    for (RsyslogStats agent : peer.agentStats()) {
      read += WindowRates.perSecond(agent.samples(), window);
      queued += agent.queued();
      discarded += agent.discarded();
    }
    long fed = peer.feeders().stream().mapToLong(InputFeeder::linesWritten).sum();
    long delivered = peer.aggregatorStats().current();
    if (eventsPerSecond <= 0) {
      throw new BenchFailure("the rsyslog aggregator wrote no line during the " + duration.toSeconds() + " s window; "
          + "its log: " + peer.aggregator().logFile());
    }

    progress.say("stopping rsyslog, then reading back the delivered files");
    if (!peer.stopKeepingOutput()) {
      progress.say("warning: the rsyslog aggregator did not stop within its grace period and was killed; its last "
          + "files may be cut short");
    }
    peer.deleteInput();
    Check check = checkOutput(peer);

    double millions = eventsPerSecond * window.seconds() / 1e6;
    double meanRecordBytes = peer.feeders().get(0).meanRecordBytes();
    return new PeerFigures(run, spec.agents(), eventsPerSecond, eventsPerSecond * meanRecordBytes / 1e6,
        meanRecordBytes,
        (cpuAtEnd.agents() - cpuAtStart.agents()) / millions,
        (cpuAtEnd.aggregator() - cpuAtStart.aggregator()) / millions,
        (feederCpuAtEnd - feederCpuAtStart) / 1e9 / millions,
        agentRss / 1e6, aggregatorRss / 1e6, read, fed, delivered, queued, discarded, check.files, check.lines,
        perMillion(CpuSplit.seconds(cpuAtStart.agentThreads(), cpuAtEnd.agentThreads(),
            cpuAtEnd.agents() - cpuAtStart.agents(), proc), millions),
        perMillion(CpuSplit.seconds(List.of(cpuAtStart.aggregatorThreads()), List.of(cpuAtEnd.aggregatorThreads()),
            cpuAtEnd.aggregator() - cpuAtStart.aggregator(), proc), millions));
  }

  private record Check(int files, long lines) {}

  /** Every account has files, and their first lines are lines fed to its agent, byte for byte. */
  private static Check checkOutput(RsyslogPeer peer) throws BenchFailure, IOException {
    int files = 0;
    long lines = 0;
    for (int i = 0; i < peer.agents().size(); i++) {
      String account = PipelineCluster.account(i);
      DeliveredFiles delivered = new DeliveredFiles(peer.outDir().resolve(account));
      int accountFiles = delivered.files().size();
      if (accountFiles == 0) {
        throw new BenchFailure("the rsyslog aggregator wrote no file for account " + account + " (no "
            + peer.outDir().resolve(account) + "); its log: " + peer.aggregator().logFile());
      }
      files += accountFiles;
      for (byte[] line : delivered.lines(LINES_CHECKED_PER_ACCOUNT)) {
        if (peer.lines(i).sequenceOf(line).isEmpty()) {
          throw new BenchFailure("the rsyslog aggregator wrote a line for account " + account + " that its agent was "
              + "not fed: " + new String(line, 0, Math.min(line.length, 300), StandardCharsets.UTF_8));
        }
        lines++;
      }
    }
    return new Check(files, lines);
  }

  private void waitOut(RsyslogPeer peer, long startNanos, Duration length,
      java.util.function.LongFunction<String> status) throws BenchFailure {
    long end = startNanos + length.toNanos();
    long nextProgress = startNanos + PROGRESS_EVERY.toNanos();
    while (System.nanoTime() - end < 0) {
      peer.requireAllAlive();
      long now = System.nanoTime();
      if (now - nextProgress >= 0) {
        progress.say(status.apply((now - startNanos) / 1_000_000_000L));
        nextProgress += PROGRESS_EVERY.toNanos();
      }
      long left = end - System.nanoTime();
      if (left > 0) {
        PipelineCluster.sleep(Duration.ofNanos(Math.min(TICK.toNanos(), left)));
      }
    }
    peer.requireAllAlive();
  }

  private static void awaitFirstDelivery(RsyslogPeer peer) throws BenchFailure {
    long deadline = System.nanoTime() + FIRST_DELIVERY_TIMEOUT.toNanos();
    List<RsyslogStats> agents = peer.agentStats();
    while (peer.aggregatorStats().current() == 0 || agents.stream().anyMatch(a -> a.current() == 0)) {
      peer.requireAllAlive();
      if (System.nanoTime() - deadline > 0) {
        throw new BenchFailure("the rsyslog peer delivered nothing within " + FIRST_DELIVERY_TIMEOUT.toSeconds()
            + " s of its start (aggregator wrote " + peer.aggregatorStats().current() + " lines; the agents "
            + "read " + agents.stream().map(a -> Long.toString(a.current())).toList() + "); the logs: "
            + peer.logDir());
      }
      PipelineCluster.sleep(Duration.ofMillis(50));
    }
  }

  private static void awaitSampleAfter(RsyslogPeer peer, long endNanos) throws BenchFailure {
    long deadline = System.nanoTime() + LAST_SAMPLE_TIMEOUT.toNanos();
    List<RsyslogStats> all = new ArrayList<>(peer.agentStats());
    all.add(peer.aggregatorStats());
    while (all.stream().anyMatch(s -> s.samples().atOrAfter(endNanos).isEmpty())) {
      peer.requireAllAlive();
      if (System.nanoTime() - deadline > 0) {
        throw new BenchFailure("an rsyslogd printed no impstats line within " + LAST_SAMPLE_TIMEOUT.toSeconds()
            + " s after the window (they print one every second)");
      }
      PipelineCluster.sleep(Duration.ofMillis(50));
    }
  }

  private static long feederCpuNanos(RsyslogPeer peer) {
    return peer.feeders().stream().mapToLong(f -> Math.max(0, f.cpuNanos())).sum();
  }

  /** CPU seconds so far: the agents summed, the aggregator; and their threads (one map per process). */
  private record Cpu(double agents, double aggregator, List<Map<Long, ProcFs.ThreadTicks>> agentThreads,
      Map<Long, ProcFs.ThreadTicks> aggregatorThreads) {}

  /** As orgtrail's: process totals read around the threads, so a process is never below its threads' sum. */
  private Cpu cpu(RsyslogPeer peer, boolean atStart) {
    double agents = 0;
    List<Map<Long, ProcFs.ThreadTicks>> agentThreads = new ArrayList<>();
    for (ChildProcess a : peer.agents()) {
      double before = atStart ? proc.cpuSeconds(a.pid()) : 0;
      agentThreads.add(proc.threads(a.pid()));
      agents += atStart ? before : proc.cpuSeconds(a.pid());
    }
    long aggregator = peer.aggregator().pid();
    double aggregatorBefore = atStart ? proc.cpuSeconds(aggregator) : 0;
    Map<Long, ProcFs.ThreadTicks> aggregatorThreads = proc.threads(aggregator);
    return new Cpu(agents, atStart ? aggregatorBefore : proc.cpuSeconds(aggregator), agentThreads,
        aggregatorThreads);
  }

  private static Map<String, Double> perMillion(Map<String, Double> seconds, double millions) {
    Map<String, Double> perMillion = new LinkedHashMap<>();
    seconds.forEach((group, s) -> perMillion.put(group, s / millions));
    return perMillion;
  }
}
