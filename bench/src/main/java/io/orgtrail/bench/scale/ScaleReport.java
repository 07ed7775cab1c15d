package io.orgtrail.bench.scale;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a scale run as text: what was run, each figure with how it was measured, and the targets. */
final class ScaleReport {
  private static final double MIB = 1 << 20;
  private static final String INDENT = "              ";
  /** Acknowledged over offered: below this, at a fixed rate, the aggregator fell behind. */
  private static final double KEPT_UP = 0.95;
  /** Above this, more was acknowledged than offered: a backlog from before the window was being worked off. */
  private static final double CAUGHT_UP = 1.05;

  private final PrintWriter out;

  ScaleReport(PrintWriter out) {
    this.out = out;
  }

  void print(ScaleFigures f, String machine) {
    ScaleSpec s = f.spec();
    out.println("orgtrail scale run: " + setup(s));
    out.println("machine: " + machine + "; the aggregator, the simulators and the store share it");
    out.println();
    out.printf(Locale.ROOT, "throughput    %,.0f events/s = %.1f MB/s acknowledged (%,d events of %,.0f bytes on "
            + "average in %.1f s)%n", f.eventsPerSecond(), f.megabytesPerSecond(), f.windowEvents(),
        f.windowEvents() == 0 ? 0.0 : (double) f.windowBytes() / f.windowEvents(), f.windowSeconds());
    ScaleFigures.Latency l = f.latency();
    out.printf(Locale.ROOT, "ack latency   p50 %,d ms, p99 %,d ms, max %,d ms (%,d batches acknowledged in the window; "
        + "from sealing a batch to its acknowledgement)%n", l.p50Millis(), l.p99Millis(), l.maxMillis(), l.samples());
    Fairness r = f.fairness();
    out.printf(Locale.ROOT, "fairness      slowest/fastest stream %.2f; per stream min %,d / median %,d / max %,d "
            + "events = %.2f / %.2f / %.2f of the fair share (%,.1f); Jain index %.4f; streams without an ack in the "
            + "window: %d%n", r.slowestToFastest(), r.min(), r.median(), r.max(), r.minShare(),
        r.median() / r.fairShare(), r.maxShare(), r.fairShare(), r.jainIndex(), r.starved());
    if (!s.plan().saturated()) {
      double offered = s.plan().eventsPerSecond() * s.streams();
      double share = f.eventsPerSecond() / offered;
      out.printf(Locale.ROOT, "offered       %,.0f events/s, of which %.0f%% were acknowledged in the window%s; at its "
              + "end %,d events waited in %,d streams for room in their in-flight window%n", offered, 100 * share,
          share < KEPT_UP ? " (the aggregator did not keep up)" : share > CAUGHT_UP
              ? " (it was still working off the start-up backlog: a longer --warmup measures the steady state)" : "",
          f.backlogEvents(), f.streamsBehind());
    }
    aggregator(f);
    out.printf(Locale.ROOT, "simulators    CPU %.2f cores in all during the window (they compete with the aggregator "
        + "for this machine's %d cores)%n", f.simulatorCores(), Runtime.getRuntime().availableProcessors());
    correctness(f.correctness());
    targets(f);
    out.println();
    notes(s);
    out.flush();
  }

  private void aggregator(ScaleFigures f) {
    ScaleFigures.AggregatorFigures a = f.aggregator();
    long heap = f.spec().aggregatorHeapBytes();
    out.printf(Locale.ROOT, "aggregator    heap (-Xmx%s = %,.0f MiB): peak used after GC %,.0f MiB in the window, "
            + "%,.0f MiB over the run; peak used before GC %,.0f MiB; committed at most %,.0f MiB%n",
        f.spec().aggregatorHeap(), heap / MIB, a.windowGc().peakAfterBytes() / MIB, a.runGc().peakAfterBytes() / MIB,
        a.runGc().peakBeforeBytes() / MIB, a.runGc().peakCommittedBytes() / MIB);
    if (a.live() != null) {
      List<String> top = new ArrayList<>();
      for (ClassHistogram.Row row : a.live().top()) {
        top.add(String.format(Locale.ROOT, "%s %,.1f MiB", readable(row.className()), row.bytes() / MIB));
      }
      out.printf(Locale.ROOT, "%s%s at the window's end: %,.0f MiB (%.0f%% of the maximum); largest: %s%n", INDENT,
          a.liveAfterFullGc() ? "live heap after a full GC" : "heap histogram WITH garbage (the JVM skipped its full GC)",
          a.live().totalBytes() / MIB, 100.0 * a.live().totalBytes() / heap, String.join(", ", top));
    }
    GcLog.Figures g = a.windowGc();
    out.printf(Locale.ROOT, "%sGC in the window: %d pauses, %,.0f ms in all (%.1f%% of the window), longest %,.0f ms, "
            + "%d full%n", INDENT, g.pauses(), g.totalPauseMillis(), g.totalPauseMillis() / 10 / f.windowSeconds(),
        g.maxPauseMillis(), g.fullPauses());
    out.printf(Locale.ROOT, "%sRSS peak %,.0f MiB; %,d threads; CPU %.2f cores = %.1f s per million events%n",
        INDENT, a.peakRssBytes() / MIB, a.threads(), a.cpuCores(), a.cpuSecondsPerMillion());
    out.printf(Locale.ROOT, "%swrote %,.0f log files/s (%,d chains / roll interval %.1f s = %,.0f/s if every chain "
            + "rolls on time); memory budget: up to %,d streams held back at once, up to "
            + "%,.0f MiB of events buffered, streams held back for %,d ms of the window; store failures %d, state "
            + "save failures %d%n", INDENT, a.filesPerSecond(), f.spec().chains(),
        f.spec().rollInterval().toMillis() / 1000.0, f.spec().chains() * 1000.0 / f.spec().rollInterval().toMillis(),
        a.maxPausedStreams(), a.maxBufferedBytes() / MIB,
        a.pushbackMillis(), a.storeFailures(), a.stateSaveFailures());
  }

  private void correctness(ScaleFigures.Correctness c) {
    DeliveredEvents.Reconciliation d = c.delivered();
    out.printf(Locale.ROOT, "correctness   acknowledged %,d events over the run; the store holds %,d of them in %,d log "
            + "files (%,d records); lost %,d (in %d streams), duplicates %,d, delivered without an ack %,d, foreign "
            + "%,d%n", d.acknowledged(), d.deliveredAcknowledged(), d.files(), d.records(), d.lost(),
        d.streamsWithLoss(), d.duplicates(), d.deliveredUnacknowledged(), d.foreign());
    out.printf(Locale.ROOT, "%srejected batches %d, refused events %d, unexpected answers %d, failed streams %d, "
            + "unanswered batches %d: %s%n", INDENT, c.rejectedBatches(), c.rejectedEvents(), c.unexpectedAcks(),
        c.failedStreams(), c.unanswered(), c.ok() ? "OK" : "FAILED");
    for (String p : c.problems()) {
      out.println(INDENT + "problem: " + p);
    }
  }

  private void targets(ScaleFigures f) {
    ScaleSpec s = f.spec();
    boolean served = f.fairness().starved() == 0 && f.correctness().failedStreams() == 0;
    String live = f.aggregator().live() == null || !f.aggregator().liveAfterFullGc() ? ""
        : String.format(Locale.ROOT, "; live heap %.0f%% of it",
        100.0 * f.aggregator().live().totalBytes() / s.aggregatorHeapBytes());
    out.printf(Locale.ROOT, "targets       %,d streams with -Xmx%s: %s%s%n", s.streams(), s.aggregatorHeap(),
        served ? "MET (the aggregator ran the whole run without running out of memory, every stream was "
            + "acknowledged during the window)" : "NOT MET (" + f.fairness().starved() + " streams starved, "
            + f.correctness().failedStreams() + " failed)", live);
    if (s.plan().saturated()) {
      out.printf(Locale.ROOT, "%sack p99 < roll interval + 1 s = %,d ms: not applicable when saturated (latency is "
          + "then what is in flight over the throughput); measure it with --rate-per-stream%n", INDENT,
          f.latencyTargetMillis());
    } else {
      out.printf(Locale.ROOT, "%sack p99 < roll interval + 1 s = %,d ms: %s (p99 %,d ms)%n", INDENT,
          f.latencyTargetMillis(), f.latency().p99Millis() >= 0 && f.latency().p99Millis() < f.latencyTargetMillis()
              ? "MET" : "NOT MET", f.latency().p99Millis());
    }
  }

  private void notes(ScaleSpec s) {
    out.println("how the figures were computed:");
    out.println("- throughput: events (and their exact record bytes) acknowledged DURABLE to the simulated agents "
        + "between the window's start and end commands, summed over streams; 1 MB = 10^6 bytes");
    out.println("- ack latency: from the moment a simulated agent sealed a batch (at a fixed rate this includes "
        + "waiting for room in its in-flight window) to its acknowledgement, for every batch acknowledged in the "
        + "window; nearest-rank percentiles");
    out.println("- fairness: each stream's events acknowledged in the window; fair share = total / streams; Jain "
        + "index = (sum x)^2 / (n * sum x^2); one batch (" + s.plan().batchSize() + " events at most) is the unit, "
        + "so a stream's share moves in steps of one batch");
    out.println("- heap: the aggregator's GC log (-Xlog:gc): heap used right after / before each pause and committed;"
        + " live heap: jcmd GC.class_histogram after the window (it runs a full GC first); 1 MiB = 2^20 bytes");
    out.println("- RSS: VmHWM of /proc/<pid>/status at the window's end (heap, metaspace, threads, Netty's direct "
        + "buffers); CPU: utime + stime of /proc/<pid>/stat over the window");
    out.println("- memory budget: the aggregator's stats lines (every second): streams paused and bytes buffered "
        + "at most, pushback time during the window");
    out.println("- correctness: after the load stops and every batch is answered, every delivered log file is read "
        + "back; each record's eventID names its stream, batch and position, so lost, duplicated and unexpected "
        + "events are counted exactly");
  }

  static String setup(ScaleSpec s) {
    StreamPlan p = s.plan();
    String load = p.saturated()
        ? String.format(Locale.ROOT, "saturated: batches of %d events, %d in flight per stream", p.batchSize(),
            p.window())
        : String.format(Locale.ROOT, "%,.1f events/s per stream (%,.0f in all), sealed every %d ms or at %d events, "
            + "%d batches in flight per stream at most", p.eventsPerSecond(), p.eventsPerSecond() * s.streams(),
            p.batchDelay().toMillis(), p.batchSize(), p.window());
    return String.format(Locale.ROOT, "%,d agent streams (%,d accounts x %d region(s) = %,d log file chains) from %d "
            + "simulator process(es), %s; %s; roll interval %s; aggregator -Xmx%s, %s store; warm-up %d s, window %d s",
        s.streams(), s.accounts(), s.regionsPerStream(), s.chains(), s.processes(),
        s.sharedChannels() == 0 ? "one connection per stream" : s.sharedChannels() + " shared connection(s) per process",
        load, s.rollInterval().toMillis() % 1000 == 0 ? s.rollInterval().toSeconds() + " s"
            : s.rollInterval().toMillis() + " ms", s.aggregatorHeap(), s.store().label(), s.warmup().toSeconds(),
        s.duration().toSeconds());
  }

  /** A JVM class name as Java source writes it: {@code [B} is {@code byte[]}. */
  static String readable(String jvmName) {
    int dims = 0;
    while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return jvmName;
    }
    String element = jvmName.substring(dims);
    String base = switch (element) {
      case "B" -> "byte";
      case "C" -> "char";
      case "I" -> "int";
      case "J" -> "long";
      case "S" -> "short";
      case "Z" -> "boolean";
      case "F" -> "float";
      case "D" -> "double";
      default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1)
          : element;
    };
    return base + "[]".repeat(dims);
  }
}
