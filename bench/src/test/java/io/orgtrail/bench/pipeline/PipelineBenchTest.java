package io.orgtrail.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orgtrail.bench.common.OrgtrailJar;
import io.orgtrail.bench.common.StoreKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command end to end: real agent and aggregator processes from {@code cli/target/orgtrail.jar} (the cli
 * module's package phase builds it), a real local store, real /proc figures.
 */
class PipelineBenchTest {
  @TempDir Path dir;

  /** What one execution printed and returned. */
  record Run(int exitCode, String out, String err, Map<StoreKind, List<RunFigures>> results,
      List<PeerFigures> peer) {}

  private Run run(String... args) {
    PipelineBench bench = new PipelineBench();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = PipelineBench.commandLine(bench);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString(), bench.results(), bench.peerResults());
  }

  private static Path jar() {
    return OrgtrailJar.locate(Path.of(""), Map.of()).orElseThrow(() -> new AssertionError(
        "cli/target/orgtrail.jar is missing: the cli module's package phase builds it (mvn verify runs it before bench)"));
  }

  @Test
  void measuresTheLocalStorePipelineAndPrintsConsistentFigures() {
    // The rsyslog peer runs too (the default): it must be installed (scripts/install-rsyslog.sh).
    io.orgtrail.bench.rsyslog.InstalledRsyslogd.require(dir.resolve("probe"));
    Run r = run("--store", "local", "--agents", "1", "--rate", "2000", "--warmup", "2s", "--duration", "3s",
        "--limit-duration", "1s", "--dir", dir.resolve("work").toString(), "--jar", jar().toString(),
        "--aggregator-java-opts", "-Xmx384m", "--aggregator-setting", "writerThreads=3");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).as("the setup is printed with the figures")
        .contains("gzip level 6", "JVM options: agents '-Xmx512m', aggregator '-Xmx512m -Xmx384m'",
            "aggregator settings: writerThreads: 3");
    assertThat(r.results()).containsOnlyKeys(StoreKind.LOCAL);
    RunFigures f = r.results().get(StoreKind.LOCAL).get(0);
    // Acknowledgements come once per roll (1 s) and the window is 3 s: plausibility, not precision.
    assertThat(f.eventsPerSecond()).isBetween(2000 * 0.3, 2000 * 2.0);
    assertThat(f.acknowledged()).isPositive().isLessThanOrEqualTo(f.accepted());
    assertThat(f.meanRecordBytes()).as("generated CloudTrail records").isBetween(300.0, 10_000.0);
    assertThat(f.megabytesPerSecond()).isEqualTo(f.eventsPerSecond() * f.meanRecordBytes() / 1e6);
    assertThat(f.aggregatorEventsPerSecond()).isPositive();
    assertThat(f.ackP50Millis()).isPositive().isLessThanOrEqualTo(f.ackP99Millis());
    assertThat(f.deliveryP50Millis()).isLessThanOrEqualTo(f.deliveryP99Millis());
    assertThat(f.deliveryP99Millis()).as("at least the roll interval's wait, less than the whole run").isBetween(0.0,
        60_000.0);
    assertThat(f.filesInWindow()).isPositive();
    assertThat(f.deliverySamples()).isPositive();
    assertThat(f.agentCpuPerMillion()).isPositive();
    assertThat(f.aggregatorCpuPerMillion()).isPositive();
    assertThat(f.minioCpuPerMillion()).isNaN();
    assertThat(f.agentRssMaxMb()).isGreaterThan(20);
    assertThat(f.aggregatorRssMb()).isGreaterThan(20);
    assertThat(f.minioRssMb()).isNaN();
    assertThat(f.storeFailures()).isZero();
    assertThat(f.gzipLimit().megabytesPerSecond()).isPositive();
    assertThat(f.gzipLimit().eventsPerSecond()).isPositive();
    assertThat(f.gzipLimit().ratio()).isGreaterThan(2);
    assertThat(f.agentCpuSplit().keySet()).anyMatch(group -> group.startsWith("orgtrail-agent-"));
    assertThat(f.aggregatorCpuSplit().keySet()).anyMatch(group -> group.startsWith("orgtrail-writer"));
    // Threads and the process are counted in 10 ms ticks each: over a 3 s window at 2,000 events/s (6,000 events)
    // a few ticks of rounding are several s/M.
    double ticksPerMillion = 0.01 / (f.eventsPerSecond() * 3 / 1e6);
    assertThat(f.agentCpuSplit().values().stream().mapToDouble(Double::doubleValue).sum())
        .as("the split adds up to the total").isCloseTo(f.agentCpuPerMillion(),
            within(Math.max(0.02 * f.agentCpuPerMillion(), 4 * ticksPerMillion)));

    assertThat(r.out()).contains("store  run", "events/s", "local  1", "gzip -6 single core limit: ", "orgtrail/limit = ",
        "CPU by thread group");
    assertThat(r.err()).contains("warming up", "reading back the files");

    assertThat(r.peer()).hasSize(1);
    PeerFigures p = r.peer().get(0);
    assertThat(p.agents()).isEqualTo(1);
    assertThat(p.eventsPerSecond()).isBetween(2000 * 0.3, 2000 * 2.0);
    assertThat(p.meanRecordBytes()).as("fed orgtrail's delivered records").isCloseTo(f.meanRecordBytes(),
        within(0.1 * f.meanRecordBytes()));
    assertThat(p.linesChecked()).isPositive();
    assertThat(p.discarded()).isZero();
    assertThat(r.out()).contains("rsyslog peer, rsyslogd 8.", "rsyslog  1", "orgtrail/rsyslog, events/s: local ",
        "not the same work");
    assertThat(dir.resolve("work")).as("what the benchmark made is deleted without --keep").isEmptyDirectory();
  }

  @Test
  void badUsageIsExitCodeTwo() {
    assertThat(run("--store", "s3").exitCode()).isEqualTo(2);
    assertThat(run("--agents", "0").exitCode()).isEqualTo(2);
    assertThat(run("--duration", "soon").exitCode()).isEqualTo(2);
    assertThat(run("--roll-interval", "500ms").exitCode()).isEqualTo(2);
    assertThat(run("--peer", "syslog-ng").exitCode()).isEqualTo(2);
    assertThat(run("--rsyslog-queue", "disk").exitCode()).isEqualTo(2);
    Run twice = run("--aggregator-setting", "compressionLevel=1");
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("the benchmark sets compressionLevel from its option --compression-level");
    Run unknown = run("--agnets", "2");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--agnets");
  }

  @Test
  void helpSaysWhatItMeasures() {
    Run r = run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--store", "--agents", "--rate", "--warmup", "--duration", "--roll-interval", "--runs",
        "--dir", "--keep", "--peer", "--rsyslog-queue", "--rsyslogd", "--aggregator-java-opts", "--aggregator-setting");
  }

  @Test
  void aJarThatIsNotThereFailsWithExitCodeOneSayingHowToBuildIt() {
    Run r = run("--store", "local", "--jar", dir.resolve("missing.jar").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("missing.jar does not exist", "bin/orgtrail --version");
  }

  @Test
  void aProcessThatDiesFailsTheRunWithExitCodeOneNamingItsLog() {
    // The JVM refuses the option: the aggregator process exits at once.
    Run r = run("--store", "local", "--agents", "1", "--dir", dir.toString(), "--jar", jar().toString(),
        "--java-opts", "-XX:+NoSuchBenchOption", "--rsyslogd", dir.resolve("no-rsyslogd").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).as("a missing peer is said before the runs, never silently left out")
        .contains("rsyslog peer: not run: ", "no-rsyslogd (--rsyslogd) is not an executable file",
            "scripts/install-rsyslog.sh");
    assertThat(r.err()).contains("aggregator exited with code", "while starting; its log: ", "aggregator.log",
        "the work directory is kept");
    assertThat(dir.resolve("local-run1/logs/aggregator.log")).content().contains("NoSuchBenchOption");
  }
}
