package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.bench.common.BenchFailure;
import io.orgtrail.bench.common.Progress;
import io.orgtrail.bench.micro.RecordedEvents;
import io.orgtrail.bench.process.ProcFs;
import io.orgtrail.bench.rsyslog.DeliveredFiles;
import io.orgtrail.bench.rsyslog.EventLines;
import io.orgtrail.bench.rsyslog.ForwardQueue;
import io.orgtrail.bench.rsyslog.InstalledRsyslogd;
import io.orgtrail.bench.rsyslog.Rsyslogd;
import io.orgtrail.testkit.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rsyslog peer with the real rsyslogd (installed by scripts/install-rsyslog.sh; missing, these tests fail),
 * fed the recorded CloudTrail events of the datasets.
 */
class RsyslogPeerTest {
  private static final int AGENTS = 2;

  @TempDir Path dir;

  private final List<byte[]> records = RecordedEvents.load().all().records();

  @Test
  void everyLineFedArrivesInTheGzipFilesOfItsAccountByteForByte() throws Exception {
    Rsyslogd rsyslogd = InstalledRsyslogd.require(dir.resolve("probe"));
    int perAgent = 6_000;
    // A small lead: the writer waits for imfile again and again.
    PeerSpec spec = new PeerSpec(rsyslogd, AGENTS, Double.POSITIVE_INFINITY, ForwardQueue.DISK_ASSISTED, 64L << 20,
        List.of(records), perAgent, 512L << 10);
    StringWriter progress = new StringWriter();
    try (RsyslogPeer peer = RsyslogPeer.start(spec, dir.resolve("run"), new Random(11),
        new Progress(new PrintWriter(progress, true), ""))) {
      // impstats comes once a second: wait for the lines that say everything went through.
      Await.until(Duration.ofSeconds(60), Duration.ofMillis(100),
          () -> peer.aggregatorStats().current() >= (long) perAgent * AGENTS
              && peer.agentStats().stream().allMatch(a -> a.current() >= perAgent),
          () -> "all " + perAgent * AGENTS + " lines read and written; the agents say "
              + peer.agentStats().stream().map(RsyslogStats::current).toList() + ", the aggregator "
              + peer.aggregatorStats().current() + "; logs in " + peer.logDir());
      peer.requireAllAlive();
      for (int i = 0; i < AGENTS; i++) {
        assertThat(peer.feeders().get(i).linesWritten()).isEqualTo(perAgent);
        // Its main queue's count: the lines, and rsyslog's own messages if it had any to say.
        assertThat(peer.agentStats().get(i).current()).as("lines agent %d read", i + 1)
            .isBetween((long) perAgent, perAgent + 10L);
        assertThat(peer.inputFile(i)).hasSize(peer.feeders().get(i).bytesWritten());
      }
      assertThat(peer.aggregatorStats().current()).isEqualTo((long) perAgent * AGENTS);
      assertThat(peer.aggregatorStats().discarded()).isZero();

      assertThat(peer.stopKeepingOutput()).as("the aggregator stopped on SIGTERM").isTrue();

      for (int i = 0; i < AGENTS; i++) {
        EventLines fed = peer.lines(i);
        DeliveredFiles files = new DeliveredFiles(peer.outDir().resolve(PipelineCluster.account(i)));
        assertThat(files.files()).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString())
            .matches("cloudtrail-\\d{8}T\\d{4}Z\\.json\\.gz"));
        List<byte[]> delivered = files.lines(Long.MAX_VALUE);
        assertThat(delivered).hasSize(perAgent);
        List<Long> sequences = new ArrayList<>();
        for (byte[] line : delivered) {
          sequences.add(fed.sequenceOf(line).orElseThrow(() -> new AssertionError("a line that was not fed to "
              + "agent " + fed + ": " + new String(line, 0, Math.min(200, line.length)))));
        }
        assertThat(sequences).as("every line once").doesNotHaveDuplicates().hasSize(perAgent)
            .allMatch(s -> s >= 0 && s < perAgent);
      }
    }
  }

  @Test
  void aMeasuredRunGivesConsistentFigures() throws Exception {
    Rsyslogd rsyslogd = InstalledRsyslogd.require(dir.resolve("probe"));
    double rate = 2_000;
    PeerSpec spec = PeerSpec.endless(rsyslogd, AGENTS, rate, ForwardQueue.DISK_ASSISTED, 64L << 20,
        List.of(records));
    StringWriter progress = new StringWriter();
    RsyslogRun run = new RsyslogRun(spec, Duration.ofSeconds(1), Duration.ofSeconds(3), ProcFs.system(),
        new Random(5), new Progress(new PrintWriter(progress, true), ""));

    PeerFigures f = run.execute(1, dir.resolve("rsyslog-run1"));

    assertThat(f.run()).isEqualTo(1);
    assertThat(f.agents()).isEqualTo(AGENTS);
    // Statistics come once a second and the window is 3 s: plausibility, not precision.
    assertThat(f.eventsPerSecond()).isBetween(rate * AGENTS * 0.5, rate * AGENTS * 1.5);
    assertThat(f.readPerSecond()).isBetween(rate * AGENTS * 0.5, rate * AGENTS * 1.5);
    assertThat(f.meanRecordBytes()).isEqualTo(
        records.stream().mapToInt(r -> r.length).average().orElseThrow());
    assertThat(f.megabytesPerSecond()).isEqualTo(f.eventsPerSecond() * f.meanRecordBytes() / 1e6);
    assertThat(f.agentCpuPerMillion()).isPositive();
    assertThat(f.aggregatorCpuPerMillion()).isPositive();
    assertThat(f.feederCpuPerMillion()).isPositive();
    assertThat(f.agentRssMaxMb()).isBetween(1.0, 2_000.0);
    assertThat(f.aggregatorRssMb()).isBetween(1.0, 2_000.0);
    assertThat(f.delivered()).isPositive().isLessThanOrEqualTo(f.linesFed());
    assertThat(f.discarded()).isZero();
    assertThat(f.filesWritten()).isGreaterThanOrEqualTo(AGENTS);
    assertThat(f.linesChecked()).isPositive();
    assertThat(f.aggregatorCpuSplit().keySet()).contains("in:imrelp");
    assertThat(f.agentCpuSplit().keySet()).contains("in:imfile");
    assertThat(progress.toString()).contains("warming up", "stopping rsyslog");
  }

  @Test
  void aProcessThatDiesFailsTheRunNamingItsLog() throws Exception {
    Rsyslogd rsyslogd = InstalledRsyslogd.require(dir.resolve("probe"));
    PeerSpec spec = PeerSpec.endless(rsyslogd, 1, 1_000, ForwardQueue.MEMORY, 0, List.of(records));
    StringWriter progress = new StringWriter();
    Path runDir = dir.resolve("rsyslog-run1");
    try (RsyslogPeer peer = RsyslogPeer.start(spec, runDir, new Random(5),
        new Progress(new PrintWriter(progress, true), ""))) {
      peer.agents().get(0).close();

      org.assertj.core.api.Assertions.assertThatThrownBy(peer::requireAllAlive)
          .isInstanceOf(BenchFailure.class)
          .hasMessageContaining("rsyslog-agent-1 exited with code")
          .hasMessageContaining(runDir.resolve("logs/rsyslog-agent-1.log").toString());
    }
  }
}
