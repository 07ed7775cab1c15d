package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.sequence.SequenceTracker;
import io.orgtrail.proto.v1.Ack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once log files are written: the batches whose last file it was become durable, their sequences
 * are recorded and persisted, and then (only then) each received copy of them is acknowledged.
 */
final class BatchCompletion implements LogFileWriter.Listener {
  private static final Logger log = LoggerFactory.getLogger(BatchCompletion.class);

  private final SequenceTracker<PendingBatch> sequences;
  private final FlowGate gate;
  private final WorkTracker work;
  private final IngestCounters counters;
  private final Executor executor;

  BatchCompletion(
      SequenceTracker<PendingBatch> sequences,
      FlowGate gate,
      WorkTracker work,
      IngestCounters counters,
      Executor executor) {
    this.sequences = sequences;
    this.gate = gate;
    this.work = work;
    this.counters = counters;
    this.executor = executor;
  }

  /** A sealed file enters the writer: it is work until written, refused or abandoned. */
  void fileSealed() {
    work.begin();
  }

  @Override
  public void written(OpenFile file, String key) {
    try {
      counters.filesWritten.increment();
      counters.eventsWritten.add(file.recordCount());
      gate.release(file.eventBytes());
      List<PendingBatch> done = new ArrayList<>();
      for (PendingBatch b : file.batches()) {
        if (b.release()) {
          done.add(b);
        }
      }
      finish(done);
    } finally {
      work.end();
    }
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
   * The intake finished routing a batch and found it already complete (no accepted event, or all its files were
   * written meanwhile): finish it on the writer threads, which do the fsync'd state write.
   */
  void routedAndComplete(PendingBatch batch) {
    work.begin();
    Runnable task = () -> {
      try {
        finish(List.of(batch));
      } finally {
        work.end();
      }
    };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException stopped) {
      task.run();
    }
  }

  private void finish(List<PendingBatch> done) {
    List<PendingBatch> durable = new ArrayList<>(done.size());
    for (PendingBatch b : done) {
      if (!b.failed()) {
        sequences.markDurable(b.agentId(), b.sequence());
        durable.add(b);
      }
    }
    if (durable.isEmpty()) {
      return;
    }
    try {
      sequences.persist();
    } catch (IOException e) {
      // The events are durable in the store; acknowledging is still right. Only a resend after a restart (which
      // an acknowledged agent does not do) would be written twice.
      log.error("could not save the sequence state ({}); batches are acknowledged anyway, but after a restart a "
          + "resend of them would be written again", e.getMessage());
    }
    for (PendingBatch b : durable) {
      counters.batchesDurable.increment();
      Ack ack = Acks.durable(b);
      for (AckSink sink : b.sinks()) {
        sink.send(ack);
      }
    }
  }
}
