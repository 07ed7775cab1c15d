package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.Progress;
import io.orgtrail.bench.common.WatchedWait;
import io.orgtrail.bench.process.ChildProcess;
import io.orgtrail.bench.process.ProcFs;
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
        throw BenchFailure.withLogs(e, peer.logDir(), "");
      }
    }
  }

  private PeerFigures measure(int run, RsyslogPeer peer) throws BenchFailure, IOException {
    progress.say("waiting for every agent's first lines read and the aggregator's first ones written");
    awaitFirstDelivery(peer);
    progress.say("warming up for " + warmup.toSeconds() + " s");
    long warmupStart = System.nanoTime();
    watch(peer).waitOut(warmupStart, warmup, elapsed -> String.format(Locale.ROOT,
        "warming up %d/%d s: %,d lines delivered so far", elapsed, warmup.toSeconds(),
        peer.aggregatorStats().current()));

    ClusterCpu cpuAtStart = ClusterCpu.read(proc, peer.agents(), peer.aggregator(), true);
    long feederCpuAtStart = feederCpuNanos(peer);
    long startNanos = System.nanoTime();
    Instant start = Instant.now();
    long deliveredAtStart = peer.aggregatorStats().current();
    watch(peer).waitOut(startNanos, duration, elapsed -> String.format(Locale.ROOT,
        "measuring %d/%d s: %,.0f events/s", elapsed, duration.toSeconds(), (peer.aggregatorStats().current() - deliveredAtStart)
            / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9)));
    long endNanos = System.nanoTime();
    Instant end = Instant.now();
    ClusterCpu cpuAtEnd = ClusterCpu.read(proc, peer.agents(), peer.aggregator(), false);
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

  /** Waits on the peer: a process or feeder that dies ends any wait. */
  private WatchedWait watch(RsyslogPeer peer) {
    return new WatchedWait(peer::requireAllAlive, progress);
  }

  private void awaitFirstDelivery(RsyslogPeer peer) throws BenchFailure {
    List<RsyslogStats> agents = peer.agentStats();
    watch(peer).until(() -> peer.aggregatorStats().current() != 0 && agents.stream().allMatch(a -> a.current() != 0),
        FIRST_DELIVERY_TIMEOUT, () -> "the rsyslog peer delivered nothing within "
            + FIRST_DELIVERY_TIMEOUT.toSeconds() + " s of its start (aggregator wrote "
            + peer.aggregatorStats().current() + " lines; the agents read "
            + agents.stream().map(a -> Long.toString(a.current())).toList() + "); the logs: " + peer.logDir());
  }

  private void awaitSampleAfter(RsyslogPeer peer, long endNanos) throws BenchFailure {
    List<RsyslogStats> all = new ArrayList<>(peer.agentStats());
    all.add(peer.aggregatorStats());
    watch(peer).until(() -> all.stream().noneMatch(s -> s.samples().atOrAfter(endNanos).isEmpty()),
        LAST_SAMPLE_TIMEOUT, () -> "an rsyslogd printed no impstats line within " + LAST_SAMPLE_TIMEOUT.toSeconds()
            + " s after the window (they print one every second)");
  }

  private static long feederCpuNanos(RsyslogPeer peer) {
    return peer.feeders().stream().mapToLong(f -> Math.max(0, f.cpuNanos())).sum();
  }

  private static Map<String, Double> perMillion(Map<String, Double> seconds, double millions) {
    Map<String, Double> perMillion = new LinkedHashMap<>();
    seconds.forEach((group, s) -> perMillion.put(group, s / millions));
    return perMillion;
  }
}
