package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.common.StoreKind;
import io.orgtrail.bench.rsyslog.ForwardQueue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures as a table per store, the gzip limit beside them, and what each column means. */
final class ResultTable {
  private static final int SPLIT_GROUPS_SHOWN = 7;
  private static final String GENERATOR_THREAD = "orgtrail-agent-generator";
  private static final String ROW = "%-6s %-6s %6s %10s %7s %15s %20s %14s %13s %14s  %s%n";

  private final PrintWriter out;

  ResultTable(PrintWriter out) {
    this.out = out;
  }

  void header(String machine, String setup) {
    out.println("orgtrail pipeline benchmark: " + setup);
    out.println("machine: " + machine + "; agents, aggregator and store co-located on it");
    out.println();
  }

  /** One store's runs, and their median when there are several. */
  void store(List<RunFigures> runs) {
    out.printf(Locale.ROOT, ROW, "store", "run", "agents", "events/s", "MB/s", "ack p50/p99 ms",
        "delivery p50/p99 ms", "agent CPU s/M", "aggr CPU s/M", "minio CPU s/M", "RSS MB agent(max)/aggr/minio");
    for (RunFigures r : runs) {
      row(Integer.toString(r.run()), r);
    }
    RunFigures median = RunFigures.median(runs);
    if (runs.size() > 1) {
      row("median", median);
    }
    GzipLimit.Result g = median.gzipLimit();
    out.printf(Locale.ROOT, "gzip -%d single core limit: %.1f MB/s = %,.0f events/s (records of %,.0f bytes, "
            + "%,d records per payload, ratio %.1f:1, per %s second); orgtrail/limit = %.2f%n",
        g.level(), g.megabytesPerSecond(), g.eventsPerSecond(), g.meanRecordBytes(), g.records(),
        g.ratio(), g.cpuTime() ? "CPU" : "wall-clock", median.ofLimit());
    out.println("CPU by thread group, s per million events" + (runs.size() > 1 ? " (the median run)" : "") + ":");
    double generator = median.agentCpuSplit().getOrDefault(GENERATOR_THREAD, 0.0);
    out.printf(Locale.ROOT, "  agents:     %s%n    (agents without their generator thread: %.1f s/M; that thread also runs "
        + "intake's record checks, which other sources need too)%n", split(median.agentCpuSplit()),
        median.agentCpuPerMillion() - generator);
    out.println("  aggregator: " + split(median.aggregatorCpuSplit()));
    for (RunFigures r : runs) {
      out.printf(Locale.ROOT, "  run %d: acknowledged %,d of %,d accepted events; %,d events in the agents' spools "
              + "at the end; aggregator wrote %,.0f events/s; %,d files delivered in the window, delivery latency "
              + "from %,d records of %d of them; store failures %d%n",
          r.run(), r.acknowledged(), r.accepted(), r.spoolBacklogEvents(), r.aggregatorEventsPerSecond(),
          r.filesInWindow(), r.deliverySamples(), r.filesRead(), r.storeFailures());
    }
    out.println();
  }

  private static final String PEER_ROW = "%-8s %-6s %6s %10s %7s %14s %13s  %s%n";

  /** The rsyslog peer's runs, their median, and the ratio of orgtrail's events/s (each store's median) to it. */
  void peer(String version, ForwardQueue queue, List<PeerFigures> runs, Map<StoreKind, List<RunFigures>> orgtrail) {
    out.println("rsyslog peer, " + version + ": per account an agent rsyslogd (imfile -> omrelp, " + queue.label()
        + " queue) -> one aggregator rsyslogd (imrelp -> omfile per account, gzip -6, a file per account directory "
        + "and minute)");
    out.printf(Locale.ROOT, PEER_ROW, "peer", "run", "agents", "events/s", "MB/s", "agent CPU s/M", "aggr CPU s/M",
        "RSS MB agent(max)/aggr");
    for (PeerFigures r : runs) {
      peerRow(Integer.toString(r.run()), r);
    }
    PeerFigures median = PeerFigures.median(runs);
    if (runs.size() > 1) {
      peerRow("median", median);
    }
    out.println("CPU by thread group, s per million events" + (runs.size() > 1 ? " (the median run)" : "") + ":");
    out.println("  agents:     " + split(median.agentCpuSplit()));
    out.println("  aggregator: " + split(median.aggregatorCpuSplit()));
    for (PeerFigures r : runs) {
      out.printf(Locale.ROOT, "  run %d: fed %,d lines, aggregator wrote %,d by the window's end (agents read "
              + "%,.0f lines/s in it); %,d messages in rsyslog's queues at the end, %,d discarded; %,d gzip files, "
              + "%,d lines read back and identical to lines fed; the benchmark's feeder threads %.1f s/M (not "
              + "counted)%n",
          r.run(), r.linesFed(), r.delivered(), r.readPerSecond(), r.queuedAtEnd(), r.discarded(),
          r.filesWritten(), r.linesChecked(), r.feederCpuPerMillion());
    }
    List<String> ratios = new ArrayList<>();
    for (Map.Entry<StoreKind, List<RunFigures>> e : orgtrail.entrySet()) {
      double events = RunFigures.median(e.getValue()).eventsPerSecond();
      ratios.add(String.format(Locale.ROOT, "%s %.2f (%,.0f / %,.0f)", e.getKey().label(),
          events / median.eventsPerSecond(), events, median.eventsPerSecond()));
    }
    out.println("orgtrail/rsyslog, events/s: " + String.join("; ", ratios));
    out.println("  (not the same work: orgtrail signs every batch (Ed25519) and the aggregator verifies it, both fsync "
        + "(spool; log files) before acknowledging, and the aggregator writes SHA-256 digests; RELP acknowledges a "
        + "line once it is in the aggregator's memory queue, nothing is signed, synced or hashed)");
    out.println();
  }

  /** Why there is no peer row. */
  void peerNotRun(String why) {
    out.println("rsyslog peer: " + why);
    out.println();
  }

  void notes(boolean saturated, long spoolMaxBytes, boolean peer) {
    out.println("how the figures were computed:");
    out.println("- events/s: events acknowledged to the agents (their stats lines, every second), summed over "
        + "agents, over the window");
    out.println("- MB/s: events/s x the mean size of the delivered records (the agents count events, not bytes); "
        + "1 MB = 10^6 bytes");
    out.println("- ack latency: reported by each agent over its last 1,024 acknowledgements (spooled -> acknowledged) "
        + "at the window's end; p50 is the mean over agents, p99 the highest");
    out.println("- delivery latency: the log file's time in the store (local: file mtime; MinIO: LastModified, ms) "
        + "minus (eventTime + 0.5 s); eventTime has 1 s precision, so each record is off by up to +-0.5 s");
    out.println("- CPU: utime + stime from /proc/<pid>/stat over the window, seconds per million acknowledged events;"
        + " the agents' figure includes their built-in generator making the records");
    out.println("- CPU by thread group: /proc/<pid>/task/*/stat over the window, threads named by a thread dump "
        + "(jcmd) after it. orgtrail-agent-generator = making the records and checking them at intake; "
        + "orgtrail-agent-pipeline = batching, signing, spooling; orgtrail-writer = the aggregator's file writers "
        + "(gzip + SHA-256, store put, fsync); orgtrail-ingest = the aggregator's batch checks and signature "
        + "verification (its gRPC executor); grpc-default-executor = gRPC's executor (the agent's "
        + "acknowledgements); grpc-default-worker-ELG = gRPC's Netty event loops (network, framing); C1/C2 "
        + "CompilerThread = the JIT; GC Thread, G1 * = garbage collection; other = the rest, with threads that ended "
        + "during the window");
    out.println("- RSS: peak resident set (VmHWM from /proc/<pid>/status) at the window's end, MB");
    out.println("- gzip limit: one thread gzipping the delivered records as one {\"Records\":[...]} payload at the "
        + "aggregator's level (its compressionLevel, --compression-level, default 6), nothing else of the pipeline");
    if (saturated) {
      out.printf(Locale.ROOT, "- the rate was unbounded: the pipeline was saturated, and latencies include the "
          + "agents' backlog (each spool bounded to %,d bytes)%n", spoolMaxBytes);
    }
    if (peer) {
      out.println("- rsyslog peer: its agents tail files the benchmark writes (records read back from orgtrail's "
          + "delivered files, each line with its own eventID; at the same rate per agent, or as fast as they read, "
          + "at most 16 MiB ahead); events/s = lines the aggregator's write actions took from their queues (impstats, "
          + "every second: enqueued - size) over the window; MB/s = events/s x the records' mean size; CPU and RSS "
          + "from /proc as "
          + "above, per million delivered lines. Thread groups: in:imfile = reading the input; rs:main Q:Reg = "
          + "rules and hand-off to the forwarding queue; rs:forward queu = the omrelp action (RELP send, disk-"
          + "assisted queue); in:imrelp = RELP receive and parse; rs:deliver = the accounts' omfile actions (gzip, "
          + "write), a thread each");
    }
    out.flush();
  }

  /** The largest groups, then the rest in one. */
  private static String split(Map<String, Double> groups) {
    List<String> parts = new ArrayList<>();
    double rest = 0;
    int shown = 0;
    for (Map.Entry<String, Double> g : groups.entrySet()) {
      // Groups that round to 0.0 (rsyslog's idle statistics threads) are left to "other".
      if (shown < SPLIT_GROUPS_SHOWN && !g.getKey().equals(CpuSplit.EXITED) && g.getValue() >= 0.05) {
        parts.add(String.format(Locale.ROOT, "%s %.1f", g.getKey(), g.getValue()));
        shown++;
      } else {
        rest += g.getValue();
      }
    }
    parts.add(String.format(Locale.ROOT, "other %.1f", rest));
    return String.join(", ", parts);
  }

  private void peerRow(String run, PeerFigures r) {
    out.printf(Locale.ROOT, PEER_ROW, "rsyslog", run, r.agents(),
        String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()),
        String.format(Locale.ROOT, "%.1f", r.megabytesPerSecond()),
        String.format(Locale.ROOT, "%.1f", r.agentCpuPerMillion()),
        String.format(Locale.ROOT, "%.1f", r.aggregatorCpuPerMillion()),
        String.format(Locale.ROOT, "%.0f/%.0f", r.agentRssMaxMb(), r.aggregatorRssMb()));
  }

  private void row(String run, RunFigures r) {
    out.printf(Locale.ROOT, ROW, r.store().label(), run, r.agents(),
        String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()),
        String.format(Locale.ROOT, "%.1f", r.megabytesPerSecond()),
        String.format(Locale.ROOT, "%.0f/%.0f", r.ackP50Millis(), r.ackP99Millis()),
        String.format(Locale.ROOT, "%.0f/%.0f", r.deliveryP50Millis(), r.deliveryP99Millis()),
        String.format(Locale.ROOT, "%.1f", r.agentCpuPerMillion()),
        String.format(Locale.ROOT, "%.1f", r.aggregatorCpuPerMillion()),
        Double.isNaN(r.minioCpuPerMillion()) ? "-" : String.format(Locale.ROOT, "%.1f", r.minioCpuPerMillion()),
        String.format(Locale.ROOT, "%.0f/%.0f/%s", r.agentRssMaxMb(), r.aggregatorRssMb(),
            Double.isNaN(r.minioRssMb()) ? "-" : String.format(Locale.ROOT, "%.0f", r.minioRssMb())));
  }
}
