package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.Progress;
import io.orgtrail.bench.process.ChildProcess;
import io.orgtrail.bench.process.ChildProcesses;
import io.orgtrail.bench.process.PortWait;
import io.orgtrail.bench.rsyslog.AgentConfig;
import io.orgtrail.bench.rsyslog.AggregatorConfig;
import io.orgtrail.bench.rsyslog.EventLines;
import io.orgtrail.bench.rsyslog.InputFeeder;
import io.orgtrail.bench.rsyslog.ProcessReadOffsets;
import io.orgtrail.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The rsyslog peer as separate processes for one run: one aggregator rsyslogd (imrelp, gzip files per account
 * directory), and per member account an agent rsyslogd (imfile, omrelp) with an {@link InputFeeder} writing its
 * input. Each process's output (its impstats lines and own messages) is kept in {@code <runDir>/logs/}.
 */
final class RsyslogPeer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final PeerSpec spec;
  private final Path runDir;
  private final ChildProcesses children = new ChildProcesses("bench");
  private final List<ChildProcess> agents = new ArrayList<>();
  private final List<RsyslogStats> agentStats = new ArrayList<>();
  private final List<InputFeeder> feeders = new ArrayList<>();
  private final List<EventLines> lines = new ArrayList<>();
  private final RsyslogStats aggregatorStats;
  private ChildProcess aggregator;

  private RsyslogPeer(PeerSpec spec, Path runDir) {
    this.spec = spec;
    this.runDir = runDir;
    this.aggregatorStats = RsyslogStats.aggregatorLinesWritten(accounts());
  }

  /** The member accounts, one per agent. */
  private List<String> accounts() {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < spec.agents(); i++) {
      accounts.add(PipelineCluster.account(i));
    }
    return accounts;
  }

  /** Starts the aggregator, then the agents and their feeders; on failure, what was started is stopped again. */
  static RsyslogPeer start(PeerSpec spec, Path runDir, RandomGenerator random, Progress progress)
      throws BenchFailure, IOException {
    RsyslogPeer peer = new RsyslogPeer(spec, runDir);
    try {
      peer.startAll(random, progress);
      return peer;
    } catch (BenchFailure | IOException | RuntimeException e) {
      peer.close();
      throw e;
    }
  }

  private void startAll(RandomGenerator random, Progress progress) throws BenchFailure, IOException {
    Files.createDirectories(logDir());
    int port = FreePorts.next();
    Path aggregatorWork = Files.createDirectories(runDir.resolve("aggregator").resolve("work"));
    Path aggregatorConf = Files.writeString(runDir.resolve("rsyslog-aggregator.conf"),
        new AggregatorConfig(outDir(), aggregatorWork, port, accounts()).render());
    progress.say("starting the rsyslog aggregator (imrelp on 127.0.0.1:" + port + ", gzip -6 files per account)");
    aggregator = children.add(ChildProcess.start("rsyslog-aggregator",
        spec.rsyslogd().command(aggregatorConf, runDir.resolve("aggregator").resolve("rsyslogd.pid")), Map.of(),
        logDir().resolve("rsyslog-aggregator.log"), aggregatorStats::accept));
    PortWait.await(aggregator, aggregator.name(), port, START_TIMEOUT);

    progress.say("starting " + spec.agents() + " rsyslog agent(s) (imfile -> omrelp, " + spec.queue().label()
        + " queue), "
        + (Double.isInfinite(spec.linesPerSecondPerAgent()) ? "input as fast as they read"
            : (long) spec.linesPerSecondPerAgent() + " lines/s each"));
    for (int i = 0; i < spec.agents(); i++) {
      String account = PipelineCluster.account(i);
      Path agentDir = runDir.resolve("agent-" + (i + 1));
      Path input = inputFile(i);
      Path work = Files.createDirectories(agentDir.resolve("work"));
      Path conf = Files.writeString(runDir.resolve("rsyslog-agent-" + (i + 1) + ".conf"),
          new AgentConfig(account, input, work, port, spec.queue(), spec.diskQueueBytes()).render());
      // The file exists before rsyslogd starts: imfile finds it at once, no race with its directory watch.
      Files.createDirectories(input.getParent());
      Files.write(input, new byte[0]);
      RsyslogStats stats = RsyslogStats.agentLinesRead();
      agentStats.add(stats);
      ChildProcess agent = children.add(ChildProcess.start("rsyslog-agent-" + (i + 1),
          spec.rsyslogd().command(conf, agentDir.resolve("rsyslogd.pid")), Map.of(),
          logDir().resolve("rsyslog-agent-" + (i + 1) + ".log"), stats::accept));
      agents.add(agent);
      EventLines agentLines = new EventLines(spec.recordsOf(i), i, random);
      lines.add(agentLines);
      feeders.add(InputFeeder.builder()
          .name("agent-" + (i + 1))
          .file(input)
          .lines(agentLines)
          .offsets(ProcessReadOffsets.of(agent.pid()))
          .linesPerSecond(spec.linesPerSecondPerAgent())
          .maxLines(spec.maxLinesPerAgent())
          .leadBytes(spec.feederLeadBytes())
          .build()
          .start());
    }
  }

  /** Agent {@code i}'s input file. */
  Path inputFile(int i) {
    return runDir.resolve("agent-" + (i + 1)).resolve("input").resolve("events.log");
  }

  /** Deletes the agents' input files (a saturated run writes gigabytes): once the peer is stopped. */
  void deleteInput() throws IOException {
    for (int i = 0; i < feeders.size(); i++) {
      Files.deleteIfExists(inputFile(i));
    }
  }

  /** Fails when a process is gone or a feeder failed, naming it and its log. */
  void requireAllAlive() throws BenchFailure {
    children.requireAllAlive();
    for (int i = 0; i < feeders.size(); i++) {
      var failure = feeders.get(i).failure();
      if (failure.isPresent()) {
        throw new BenchFailure("the input feeder of rsyslog-agent-" + (i + 1) + " failed: " + failure.get(),
            failure.get());
      }
    }
  }

  ChildProcess aggregator() {
    return aggregator;
  }

  List<ChildProcess> agents() {
    return List.copyOf(agents);
  }

  /** The aggregator's counters; the followed one is the lines its write actions took, all accounts. */
  RsyslogStats aggregatorStats() {
    return aggregatorStats;
  }

  /** Each agent's counters; the followed one is the lines it read. */
  List<RsyslogStats> agentStats() {
    return List.copyOf(agentStats);
  }

  List<InputFeeder> feeders() {
    return List.copyOf(feeders);
  }

  /** Agent {@code i}'s lines, to check what was delivered. */
  EventLines lines(int i) {
    return lines.get(i);
  }

  /** Where the aggregator writes: one directory per account. */
  Path outDir() {
    return runDir.resolve("aggregator").resolve("out");
  }

  Path logDir() {
    return runDir.resolve("logs");
  }

  /**
   * Stops the input and kills the agents (what they still hold is not needed), then stops the aggregator with
   * SIGTERM so that it finishes its gzip files (trailers) on the way out; SIGKILL after a grace period. False when
   * the aggregator had to be killed: its last files may then be cut short.
   */
  boolean stopKeepingOutput() {
    feeders.forEach(InputFeeder::close);
    agents.forEach(ChildProcess::close);
    return aggregator == null || aggregator.stop(STOP_GRACE);
  }

  /** Kills everything and deletes the input files (also after a failure: the logs stay, the gigabytes go). */
  @Override
  public void close() {
    feeders.forEach(InputFeeder::close);
    children.close();
    try {
      deleteInput();
    } catch (IOException e) {
      System.err.println("bench: could not delete the rsyslog agents' input files in " + runDir + ": " + e);
    }
  }
}
