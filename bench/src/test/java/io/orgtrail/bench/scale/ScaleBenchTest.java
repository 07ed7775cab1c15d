package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.bench.common.OrgtrailJar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale run end to end, small: a real aggregator process from {@code cli/target/orgtrail.jar} (the cli module's
 * package phase builds it), real simulator processes on this test's classpath, a real local store read back.
 */
class ScaleBenchTest {
  @TempDir Path dir;

  /** What one execution printed and returned. */
  record Run(int exitCode, String out, String err, ScaleFigures figures) {}

  private Run run(String... args) {
    ScaleBench bench = new ScaleBench();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = ScaleBench.commandLine(bench);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString(), bench.figures().orElse(null));
  }

  private static String jar() {
    return OrgtrailJar.locate(Path.of(""), Map.of()).orElseThrow(() -> new AssertionError(
        "cli/target/orgtrail.jar is missing: the cli module's package phase builds it (mvn verify runs it before bench)"))
        .toString();
  }

  @Test
  void twentySaturatedStreamsInTwoProcessesAreAllServedAndEveryAcknowledgedEventIsDelivered() {
    Run r = run("--streams", "20", "--processes", "2", "--warmup", "2s", "--duration", "4s", "--dir", dir.toString(),
        "--jar", jar());

    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    ScaleFigures f = r.figures();
    assertThat(f.windowSeconds()).isBetween(4.0, 6.0);
    assertThat(f.windowEvents()).isPositive();
    assertThat(f.eventsPerSecond()).isEqualTo(f.windowEvents() / f.windowSeconds());
    assertThat((double) f.windowBytes() / f.windowEvents()).as("recorded CloudTrail events").isBetween(500.0, 5000.0);

    Fairness fair = f.fairness();
    assertThat(fair.streams()).isEqualTo(20);
    assertThat(fair.starved()).as("every stream acknowledged in the window").isZero();
    assertThat(fair.min()).isPositive();
    assertThat(fair.total()).isEqualTo(f.windowEvents());
    assertThat(fair.minShare()).isBetween(0.0, 1.0);
    assertThat(fair.maxShare()).isGreaterThanOrEqualTo(1.0);
    assertThat(fair.jainIndex()).isBetween(1.0 / 20, 1.0);

    assertThat(f.latency().samples()).isPositive();
    assertThat(f.latency().p50Millis()).as("nothing is acknowledged before its file rolls (1 s)")
        .isGreaterThanOrEqualTo(900).isLessThanOrEqualTo(f.latency().p99Millis());

    ScaleFigures.AggregatorFigures a = f.aggregator();
    assertThat(a.runGc().pauses()).isPositive();
    assertThat(a.runGc().peakAfterBytes()).isPositive().isLessThan(1L << 30);
    assertThat(a.live()).isNotNull();
    assertThat(a.live().totalBytes()).isPositive().isLessThan(1L << 30);
    assertThat(a.peakRssBytes()).isGreaterThan(20L << 20);
    assertThat(a.cpuSecondsPerMillion()).isPositive();
    assertThat(a.filesPerSecond()).isPositive();
    assertThat(a.storeFailures()).isZero();
    assertThat(f.simulatorCores()).isPositive();

    ScaleFigures.Correctness c = f.correctness();
    assertThat(c.ok()).as(c.toString()).isTrue();
    assertThat(c.delivered().acknowledged()).isGreaterThanOrEqualTo(f.windowEvents());
    assertThat(c.delivered().deliveredAcknowledged()).as("delivered == acknowledged")
        .isEqualTo(c.delivered().acknowledged());
    assertThat(c.delivered().records()).isEqualTo(c.delivered().acknowledged());
    assertThat(c.delivered().lost()).isZero();
    assertThat(c.delivered().duplicates()).isZero();

    assertThat(r.out()).contains("orgtrail scale run: 20 agent streams", "throughput", "fairness", "aggregator",
        "correctness", "lost 0", "targets", "20 streams with -Xmx1g: MET");
    assertThat(r.err()).contains("warming up", "reading every delivered log file back");
    assertThat(dir).as("what the run made is deleted without --keep").isEmptyDirectory();
  }

  @Test
  void aFixedRateWithSharedAccountsRegionsAndConnectionsIsMeasuredAgainstTheLatencyTarget() {
    Run r = run("--streams", "12", "--processes", "2", "--accounts", "4", "--regions-per-stream", "2",
        "--shared-channels", "1", "--rate-per-stream", "40", "--batch-size", "50", "--warmup", "1s", "--duration",
        "4s", "--dir", dir.toString(), "--jar", jar());

    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    ScaleFigures f = r.figures();
    // 12 streams x 40 events/s, acknowledged once per roll: plausibility, not precision.
    assertThat(f.eventsPerSecond()).isBetween(12 * 40 * 0.5, 12 * 40 * 1.5);
    assertThat(f.fairness().starved()).isZero();
    assertThat(f.correctness().ok()).as(f.correctness().toString()).isTrue();
    assertThat(f.correctness().delivered().deliveredAcknowledged()).isEqualTo(f.correctness().delivered()
        .acknowledged());
    assertThat(r.out()).contains("40.0 events/s per stream", "4 accounts x 2 region(s) = 8 log file chains",
        "1 shared connection(s) per process", "ack p99 < roll interval + 1 s = 2,000 ms: ");
  }

  @Test
  void badUsageExitsWithTwoBeforeStartingAnything() {
    assertThat(run("--streams", "0").exitCode()).isEqualTo(2);
    assertThat(run("--rate-per-stream", "fast").err()).contains("--rate-per-stream must be events per second");
    assertThat(run("--accounts", "5", "--streams", "4").exitCode()).isEqualTo(2);
    assertThat(run("--store", "s3").err()).contains("--store must be local or minio, not 's3'");
    assertThat(run("--roll-interval", "90s", "--duration", "60s").exitCode()).isEqualTo(2);
    assertThat(run("--aggregator-heap", "lots").err()).contains("--aggregator-heap");
    assertThat(dir).as("nothing was started").isEmptyDirectory();
  }
}
