package io.orgtrail.aggregator.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orgtrail.aggregator.afterdelivery.AfterDelivery;
import io.orgtrail.aggregator.digest.DigestWriter;
import io.orgtrail.aggregator.ingest.IngestCounters;
import io.orgtrail.aggregator.ingest.IngestPipeline;
import io.orgtrail.aggregator.ingest.IngestTimings;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The aggregator's meters. Counters and gauges read the counts the pipeline, the digest writer and the
 * after-delivery queue keep anyway (function counters: nothing more is done per batch); the two timers are the
 * only meters updated as work happens, once per acknowledged batch and once per log file.
 *
 * <p>Prometheus names: {@code orgtrail_aggregator_*}; labels {@code reason} (batch rejections) and {@code problem}
 * (event rejections) carry the protocol's enum names in lower case, e.g. {@code reason="bad_signature"}.
 */
public final class AggregatorMetrics implements IngestTimings {
  private static final String PREFIX = "orgtrail.aggregator.";

  private final MeterRegistry registry;
  private final Timer batchAckLatency;
  private final Timer filePutDuration;

  public AggregatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.batchAckLatency = Timer.builder(PREFIX + "batch.ack.latency")
        .description("Time from a batch's arrival to its DURABLE acknowledgement (roll interval included)")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(2))
        .register(registry);
    this.filePutDuration = Timer.builder(PREFIX + "file.put.duration")
        .description("Duration of successful log file puts to the object store")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(1))
        .register(registry);
  }

  @Override
  public void batchDurable(long nanos) {
    batchAckLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void filePut(long nanos) {
    filePutDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Registers the meters reading the running aggregator's parts; once per start. */
  public void bind(IngestPipeline pipeline, DigestWriter digests, AfterDelivery afterDelivery) {
    IngestCounters c = pipeline.counters();
    counter("batches.received", "Batches received, whatever their fate", c, IngestCounters::batchesReceived);
    counter("batches.durable", "Batches acknowledged DURABLE", c, IngestCounters::batchesDurable);
    counter("batches.duplicate", "Batches answered DUPLICATE (already durable)", c, IngestCounters::duplicates);
    counter("batches.resent.in.flight", "Copies of a batch received while it was still being written", c,
        IngestCounters::inFlightResends);
    for (BatchRejection reason : BatchRejection.values()) {
      if (reason == BatchRejection.UNRECOGNIZED || reason == BatchRejection.BATCH_REJECTION_UNSPECIFIED) {
        continue;
      }
      FunctionCounter.builder(PREFIX + "batches.rejected", c, x -> x.batchesRejected(reason))
          .description("Batches answered REJECTED, by reason")
          .tag("reason", label(reason))
          .register(registry);
    }
    counter("events.written", "Events in log files written to the store", c, IngestCounters::eventsWritten);
    for (EventProblem problem : EventProblem.values()) {
      if (problem == EventProblem.UNRECOGNIZED || problem == EventProblem.EVENT_PROBLEM_UNSPECIFIED) {
        continue;
      }
      FunctionCounter.builder(PREFIX + "events.rejected", c, x -> x.eventsRejected(problem))
          .description("Events refused on their own, by problem")
          .tag("problem", label(problem))
          .register(registry);
    }
    counter("events.filtered", "Events the trail's event selectors left out (acknowledged, not written)", c,
        IngestCounters::eventsFiltered);
    counter("events.duplicate", "Events of batches answered DUPLICATE", c, IngestCounters::duplicateEvents);
    counter("events.skipped.as.durable", "Events of resent batches already in the store after a restart", c,
        IngestCounters::eventsSkippedAsDurable);
    counter("files.written", "Log files written to the store", c, IngestCounters::filesWritten);
    counter("files.refused", "Log files never written (failed the prefix guard or assembly; a bug)", c,
        IngestCounters::filesRefused);
    counter("store.failures", "Failed attempts to journal or put a log file (each retried)", c,
        IngestCounters::storeFailures);
    counter("state.save.failures", "Failed saves of the sequence state (retried)", c,
        IngestCounters::stateSaveFailures);
    gauge("batches.awaiting.recovery", "Batches waiting for the store to tell what became of files journaled "
        + "before a restart", c, IngestCounters::batchesAwaitingRecovery);
    gauge("buffered.bytes", "Event bytes received and not yet written", pipeline, IngestPipeline::bufferedBytes);
    gauge("paused.streams", "Agents' streams not read from because the memory budget is spent", pipeline,
        IngestPipeline::pausedStreams);
    FunctionCounter.builder(PREFIX + "pushback.seconds", pipeline, p -> p.pushbackTime().toNanos() / 1e9)
        .description("Time, in all, streams were not read from because the memory budget was spent")
        .register(registry);
    counter("digests.written", "Digest files written", digests, DigestWriter::digestsWritten);
    counter("digest.failures", "Failed digest attempts", digests, DigestWriter::failures);
    counter("after.delivery.files.handed", "Delivered log files handed to the after-delivery consumers",
        afterDelivery, a -> a.stats().handed());
    counter("after.delivery.files.dropped", "Delivered log files not handed over (queue full or shutdown)",
        afterDelivery, a -> a.stats().dropped());
    counter("after.delivery.consumer.failures", "After-delivery consumers that failed on a file", afterDelivery,
        a -> a.stats().consumerFailures());
    gauge("after.delivery.queued.bytes", "Compressed bytes of delivered files waiting for the consumers",
        afterDelivery, a -> a.stats().queuedBytes());
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private <T> void counter(String name, String description, T source, ToDoubleFunction<T> count) {
    FunctionCounter.builder(PREFIX + name, source, count).description(description).register(registry);
  }

  private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(PREFIX + name, source, value).description(description).strongReference(true).register(registry);
  }
}
