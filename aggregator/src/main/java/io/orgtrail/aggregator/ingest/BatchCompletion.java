package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.afterdelivery.DeliveredLogFile;
import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.aggregator.sequence.SequenceTracker;
import io.orgtrail.format.logfile.LogFile;
import io.orgtrail.proto.v1.Ack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once a log file is written, in this order: its events are recorded as durable (the batches whose
 * last file it was as a whole, the others event by event) and that state is saved; then the file is reported to
 * the {@link DeliveryRecorder} (a digest may list it from then on, and its journal line be dropped); then, and
 * only then, each received copy of the completed batches is acknowledged.
 *
 * <p>The order is what makes a crash harmless: until the state is saved, the journal line written before the put
 * still names the file and its events, so a restart finds them in the store; once the journal line may go, the
 * state holds them. A state that cannot be saved is retried (the acknowledgements wait), never skipped.
 */
final class BatchCompletion implements LogFileWriter.Listener {
  private static final Logger log = LoggerFactory.getLogger(BatchCompletion.class);

  private final SequenceTracker<PendingBatch> sequences;
  private final FlowGate gate;
  private final WorkTracker work;
  private final IngestCounters counters;
  private final ScheduledExecutorService executor;
  private final DeliveryRecorder recorder;
  private final Consumer<DeliveredLogFile> afterDelivery;
  private final String bucket;
  private final IngestTimings timings;

  BatchCompletion(
      SequenceTracker<PendingBatch> sequences,
      FlowGate gate,
      WorkTracker work,
      IngestCounters counters,
      ScheduledExecutorService executor,
      DeliveryRecorder recorder,
      String bucket,
      Consumer<DeliveredLogFile> afterDelivery,
      IngestTimings timings) {
    this.timings = timings;
    this.sequences = sequences;
    this.gate = gate;
    this.work = work;
    this.counters = counters;
    this.executor = executor;
    this.recorder = recorder;
    this.bucket = bucket;
    this.afterDelivery = afterDelivery;
  }

  /** A sealed file enters the writer: it is work until written, refused or abandoned. */
  void fileSealed() {
    work.begin();
  }

  @Override
  public void written(OpenFile file, String key, LogFile content) {
    counters.filesWritten.increment();
    counters.eventsWritten.add(file.recordCount());
    gate.release(file.eventBytes());
    for (BatchEvents held : file.holds()) {
      sequences.markEventsDurable(held);
    }
    List<PendingBatch> done = new ArrayList<>();
    for (PendingBatch b : file.batches()) {
      if (b.release()) {
        done.add(b);
      }
    }
    Route route = file.route();
    commit(markDurable(done), () -> recorder.put(route.account(), route.region(), key), 0);
    // Durable in the store: what follows delivery (history, notifications) may see it; it only enqueues.
    afterDelivery.accept(new DeliveredLogFile(bucket, key, route.account(), route.region(), content));
  }

  @Override
  public void refused(OpenFile file) {
    try {
      gate.release(file.eventBytes());
      for (PendingBatch b : file.batches()) {
        b.fail();
        // Forget it so that a resend is taken in afresh rather than waiting forever on this file.
        sequences.abandon(b.agentId(), b.sequence());
      }
    } finally {
      work.end();
    }
  }

  @Override
  public void abandoned(OpenFile file) {
    gate.release(file.eventBytes());
    log.warn("shutdown: a log file for account {} region {} with {} events was not written; its batches stay "
        + "unacknowledged and their agents resend them", file.route().account(), file.route().region(),
        file.recordCount());
    work.end();
  }

  /**
   * The intake finished routing a batch and found it already complete (no event to write, or all its files were
   * written meanwhile): finish it on the writer threads, which do the fsync'd state write.
   */
  void routedAndComplete(PendingBatch batch) {
    work.begin();
    Runnable task = () -> commit(markDurable(List.of(batch)), () -> {}, 0);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException stopped) {
      task.run();
    }
  }

  private List<PendingBatch> markDurable(List<PendingBatch> done) {
    List<PendingBatch> durable = new ArrayList<>(done.size());
    for (PendingBatch b : done) {
      if (!b.failed()) {
        sequences.markDurable(b.agentId(), b.sequence());
        durable.add(b);
      }
    }
    return durable;
  }

  /** Saves the state, then {@code thenList} (the file may be listed), then acknowledges; ends one unit of work. */
  private void commit(List<PendingBatch> durable, Runnable thenList, int failures) {
    try {
      sequences.persist();
    } catch (IOException e) {
      counters.stateSaveFailures.increment();
      long delay = Math.min(LogFileWriter.MAX_RETRY_MILLIS, LogFileWriter.FIRST_RETRY_MILLIS << Math.min(failures, 20));
      log.error("could not save the sequence state (attempt {}), retrying in {} ms; {} batches are not acknowledged "
          + "until it is saved: {}", failures + 1, delay, durable.size(), e.getMessage());
      try {
        executor.schedule(() -> commit(durable, thenList, failures + 1), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        // Shutdown: the journal still names the file, so the next start finds its events in the store.
        log.warn("shutdown: {} durable batches stay unacknowledged (the sequence state could not be saved); their "
            + "agents resend them and they are recognised from the journal", durable.size());
        work.end();
      }
      return;
    }
    try {
      thenList.run();
      for (PendingBatch b : durable) {
        Ack ack;
        if (b.isAllDurableBefore()) {
          counters.duplicates.increment();
          counters.duplicateEvents.add(b.eventCount());
          ack = Acks.duplicate(b.agentId(), b.sequence());
        } else {
          counters.batchesDurable.increment();
          timings.batchDurable(System.nanoTime() - b.arrivedNanos());
          ack = Acks.durable(b);
        }
        for (AckSink sink : b.sinks()) {
          sink.send(ack);
        }
      }
    } finally {
      work.end();
    }
  }
}
