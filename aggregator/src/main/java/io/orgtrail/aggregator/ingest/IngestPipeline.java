package io.orgtrail.aggregator.ingest;

import io.grpc.BindableService;
import io.grpc.Status;
import io.orgtrail.aggregator.afterdelivery.DeliveredLogFile;
import io.orgtrail.aggregator.selectors.TrailSelectorsState;
import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.aggregator.sequence.SequenceStateFile;
import io.orgtrail.aggregator.sequence.SequenceTracker;
import io.orgtrail.aggregator.guard.WriteGuard;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.UniqueNames;
import io.orgtrail.format.record.RecordRules;
import io.orgtrail.format.record.RecordScanner;
import io.orgtrail.store.ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between the gRPC service and the store: intake, open files, writer threads, completion and
 * acknowledgements, the roll ticker and the memory budget. Created and closed by the {@code Aggregator}.
 */
public final class IngestPipeline {
  private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

  /** What the pipeline needs to know; a subset of the aggregator's configuration. */
  public record Settings(
      TrailLayout layout,
      Duration rollInterval,
      long maxFileBytes,
      int maxRecordBytes,
      int maxBatchBytes,
      long maxBufferedBytes,
      int writerThreads,
      int compressionLevel) {}

  private final Settings settings;
  private final SequenceTracker<PendingBatch> sequences;
  private final IngestCounters counters = new IngestCounters();
  private final WorkTracker work = new WorkTracker();
  private final FlowGate gate;
  private final ScheduledThreadPoolExecutor writers;
  private final ScheduledExecutorService ticker;
  private final FileRouter router;
  private final BatchIntake intake;
  private final IngestService service;
  private boolean started;
  private boolean closed;

  /**
   * @param inDoubt the events held by log files journaled before a restart whose fate the store has not told yet
   *     ({@code DigestWriter.unresolvedHolds()}): resends of those batches wait for {@link #recovered}
   * @param afterDelivery told of every log file once it is durable, on a writer thread: must only enqueue
   * @param selectors the trail's event selectors: applied to what arrives, pushed to agents that ask
   * @param timings told how long puts and batches took (metrics); {@link IngestTimings#NONE} for nothing
   * @throws IOException when the saved sequence state cannot be read
   */
  public IngestPipeline(
      Settings settings,
      AgentRegistry registry,
      SequenceStateFile stateFile,
      List<BatchEvents> inDoubt,
      ObjectStore store,
      WriteGuard guard,
      DeliveryRecorder recorder,
      HeadSource heads,
      Clock clock,
      RandomGenerator random,
      Consumer<DeliveredLogFile> afterDelivery,
      TrailSelectorsState selectors,
      IngestTimings timings)
      throws IOException {
    this.settings = settings;
    this.sequences = SequenceTracker.open(stateFile);
    sequences.doubt(inDoubt);
    this.gate = new FlowGate(settings.maxBufferedBytes(), clock);
    this.writers = new ScheduledThreadPoolExecutor(settings.writerThreads(), DaemonThreads.named("orgtrail-writer"));
    this.writers.setRemoveOnCancelPolicy(true);
    this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("orgtrail-roll-ticker"));
    BatchCompletion completion = new BatchCompletion(sequences, gate, work, counters, writers, recorder, store.bucket(),
        afterDelivery, timings);
    LogFileWriter writer =
        new LogFileWriter(store, guard, settings.layout(), settings.compressionLevel(), new UniqueNames(random), clock,
            writers, counters, recorder, completion, timings);
    this.router = new FileRouter(settings.maxFileBytes(), clock, f -> {
      completion.fileSealed();
      writer.submit(f);
    });
    this.intake = new BatchIntake(
        new BatchScreen(registry, settings.maxBatchBytes()),
        new EventScreen(new RecordRules(new RecordScanner(), settings.maxRecordBytes()), counters, selectors::filter),
        sequences,
        router,
        gate,
        completion,
        work,
        counters,
        writers);
    this.service = new IngestService(intake, gate, heads, selectors);
  }

  public BindableService service() {
    return service;
  }

  public IngestCounters counters() {
    return counters;
  }

  public long bufferedBytes() {
    return gate.bufferedBytes();
  }

  /** Streams not read from right now because the memory budget is spent (pushback). */
  public int pausedStreams() {
    return gate.parkedStreams();
  }

  /** How long, in all, streams were not read from because the memory budget was spent. */
  public Duration pushbackTime() {
    return gate.pushbackTime();
  }

  /**
   * After a restart, the store told what became of log files journaled before it ({@code RecoveryListener}): the
   * events of those in the store are durable, and that is saved before this returns; then the resends that waited
   * for it are taken in (writing only what is not durable).
   *
   * @throws IOException when the sequence state cannot be saved (the caller asks again later)
   */
  public void recovered(List<BatchEvents> inStore, List<BatchEvents> notInStore) throws IOException {
    inStore.forEach(sequences::markEventsDurable);
    sequences.persist();
    List<BatchEvents> resolved = new ArrayList<>(inStore);
    resolved.addAll(notInStore);
    sequences.resolve(resolved).forEach(Runnable::run);
  }

  /** Starts the roll ticker: every min(1 s, interval/4) it rolls files whose first event is old enough. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    long interval = settings.rollInterval().toMillis();
    long tick = Math.max(50, Math.min(1000, interval / 4));
    ticker.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      router.rollExpired(settings.rollInterval());
    } catch (RuntimeException e) { // an exception would cancel the schedule: never let one escape
      log.error("rolling expired log files failed: {}", e.toString(), e);
    }
  }

  /**
   * Stops taking batches in, writes every open file, acknowledges what became durable and ends the agents'
   * streams. Returns false when {@code timeout} passed before everything was written (the agents then resend the
   * unacknowledged batches).
   */
  public synchronized boolean close(Duration timeout) {
    if (closed) {
      return true;
    }
    closed = true;
    gate.close();
    intake.close();
    ticker.shutdownNow();
    router.close();
    boolean idle;
    try {
      idle = work.awaitIdle(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      idle = false;
    }
    if (idle) {
      service.endAll(null);
    } else {
      log.warn("shutdown: gave up after {} with {} writes or acknowledgements outstanding; their agents resend",
          timeout, work.outstanding());
      service.endAll(Status.UNAVAILABLE.withDescription(
          "the aggregator is shutting down before it could write every batch; resend unacknowledged batches"));
    }
    writers.shutdownNow();
    return idle;
  }
}
