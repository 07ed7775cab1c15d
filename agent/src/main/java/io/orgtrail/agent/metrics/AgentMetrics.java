package io.orgtrail.agent.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.agent.source.http.AuditEventError;
import io.orgtrail.format.record.RecordProblem;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The agent's meters, read from its {@link AgentStats}: one snapshot serves a whole scrape (taken at most once per
 * {@link #SNAPSHOT_MAX_AGE}), so a scrape is consistent and costs one {@code stats()} call. The acknowledgement
 * latency histogram is the only meter updated as work happens, once per acknowledged batch.
 *
 * <p>Prometheus names: {@code orgtrail_agent_*}; the {@code problem} label of intake refusals is the problem's name
 * in lower case ({@code RecordProblem} or, for the PutAuditEvents endpoint's own refusals, {@code AuditEventError}).
 */
public final class AgentMetrics {
  static final Duration SNAPSHOT_MAX_AGE = Duration.ofMillis(500);
  private static final String PREFIX = "orgtrail.agent.";

  private final MeterRegistry registry;
  private final Supplier<AgentStats> stats;
  private final Timer ackLatency;
  private AgentStats snapshot; // guarded by this
  private long snapshotAt; // guarded by this

  /** @param stats the agent's stats; called at most once per {@link #SNAPSHOT_MAX_AGE} */
  public AgentMetrics(MeterRegistry registry, Supplier<AgentStats> stats) {
    this.registry = registry;
    this.stats = stats;
    this.ackLatency = Timer.builder(PREFIX + "ack.latency")
        .description("Time from a batch entering the spool to the aggregator's acknowledgement")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
    bind();
  }

  /** A batch was acknowledged this long after it was spooled. */
  public void acknowledged(long millis) {
    ackLatency.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  private synchronized AgentStats now() {
    long t = System.nanoTime();
    if (snapshot == null || t - snapshotAt > SNAPSHOT_MAX_AGE.toNanos()) {
      snapshot = stats.get();
      snapshotAt = t;
    }
    return snapshot;
  }

  private void bind() {
    counter("events.accepted", "Records written to the spool (what sources were told was accepted)",
        AgentStats::eventsAccepted);
    counter("events.acknowledged", "Events the aggregator acknowledged as durable", AgentStats::eventsAcknowledged);
    for (String problem : intakeProblems()) {
      FunctionCounter.builder(PREFIX + "events.rejected.at.intake", this,
              m -> m.now().rejectedAtIntakeByProblem().getOrDefault(problem, 0L))
          .description("Records refused at intake, by problem")
          .tag("problem", problem.toLowerCase(Locale.ROOT))
          .register(registry);
    }
    counter("events.filtered", "Records the trail's event selectors did not select (neither spooled nor sent)",
        AgentStats::eventsFiltered);
    counter("events.filtered.by.aggregator", "Sent events the aggregator's selectors did not select",
        AgentStats::eventsFilteredByAggregator);
    counter("events.rejected.by.aggregator", "Events the aggregator refused", AgentStats::eventsRejectedByAggregator);
    counter("events.refused.by.spool", "Events the spool could not take (disk full, I/O error)",
        AgentStats::eventsRefusedBySpool);
    counter("batches.sent", "Batches sent to the aggregator (each once)", AgentStats::batchesSent);
    counter("batches.resent", "Sends of a batch beyond its first", AgentStats::resends);
    counter("batches.rejected", "Batches the aggregator rejected as a whole (dropped)", AgentStats::batchesRejected);
    counter("batches.replayed", "Unacknowledged batches found in the spool at start", AgentStats::replayedBatches);
    counter("batches.unreadable", "Spooled batches dropped because they no longer read back",
        AgentStats::batchesUnreadable);
    gauge("pending.batches", "Batches not yet acknowledged", AgentStats::pendingBatches);
    gauge("pending.events", "Events not yet settled", AgentStats::pendingEvents);
    gauge("spool.batches", "Unacknowledged batches in the spool", AgentStats::spoolBatches);
    gauge("spool.events", "Records in unacknowledged spooled batches", AgentStats::spoolEvents);
    gauge("spool.bytes", "Disk bytes of the spool's segment files", AgentStats::spoolBytes);
    gauge("oldest.unacknowledged.seconds", "Age of the oldest unacknowledged batch in the spool (0: none)",
        s -> s.oldestUnacknowledgedMillis() / 1000.0);
    counter("spool.full.refusals", "PutAuditEvents 503s and source pauses because the spool was full",
        AgentStats::spoolFullRefusals);
    counter("spool.write.failures", "Spool writes or fsyncs that failed", AgentStats::spoolWriteFailures);
    counter("spool.corrupt.tails", "Damaged or torn segment ends cut off at start", AgentStats::corruptTailsRecovered);
    gauge("connected", "1 while a stream to the aggregator is open over a ready connection",
        s -> s.connected() ? 1 : 0);
    counter("files.finished", "Files of the watched directory done with", AgentStats::filesFinished);
    counter("files.failed", "Files of the watched directory that were unreadable", AgentStats::filesFailed);
    gauge("files.pending", "Files of the watched directory being read", AgentStats::filesPending);
  }

  private static Set<String> intakeProblems() {
    Set<String> names = new TreeSet<>();
    for (RecordProblem p : RecordProblem.values()) {
      names.add(p.name());
    }
    for (AuditEventError e : AuditEventError.values()) {
      names.add(e.name());
    }
    return names;
  }

  private void counter(String name, String description, ToDoubleFunction<AgentStats> value) {
    FunctionCounter.builder(PREFIX + name, this, m -> value.applyAsDouble(m.now()))
        .description(description)
        .register(registry);
  }

  private void gauge(String name, String description, ToDoubleFunction<AgentStats> value) {
    Gauge.builder(PREFIX + name, this, m -> value.applyAsDouble(m.now()))
        .description(description)
        .strongReference(true)
        .register(registry);
  }
}
