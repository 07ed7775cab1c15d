package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.sequence.Admission;
import io.orgtrail.aggregator.sequence.EventIndexes;
import io.orgtrail.aggregator.sequence.SequenceTracker;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.EventRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in one received batch: batch checks, sequence (new, partly durable, in flight, durable, or in doubt
 * after a restart), event checks, routing into open files of the events not durable yet. Runs on the gRPC thread
 * of the batch's stream (or a writer thread for a batch that waited for recovery); writing happens elsewhere.
 */
final class BatchIntake {
  private static final Logger log = LoggerFactory.getLogger(BatchIntake.class);

  private final BatchScreen batchScreen;
  private final EventScreen eventScreen;
  private final SequenceTracker<PendingBatch> sequences;
  private final FileRouter router;
  private final FlowGate gate;
  private final BatchCompletion completion;
  private final WorkTracker work;
  private final IngestCounters counters;
  private final Executor executor;
  private volatile boolean closing;

  BatchIntake(
      BatchScreen batchScreen,
      EventScreen eventScreen,
      SequenceTracker<PendingBatch> sequences,
      FileRouter router,
      FlowGate gate,
      BatchCompletion completion,
      WorkTracker work,
      IngestCounters counters,
      Executor executor) {
    this.batchScreen = batchScreen;
    this.eventScreen = eventScreen;
    this.sequences = sequences;
    this.router = router;
    this.gate = gate;
    this.completion = completion;
    this.work = work;
    this.counters = counters;
    this.executor = executor;
  }

  /** From now on received batches are dropped unanswered: their agents resend them to the next aggregator. */
  void close() {
    closing = true;
  }

  void receive(Batch batch, AckSink from) {
    work.begin();
    try {
      if (closing) {
        return;
      }
      counters.batchesReceived.increment();
      take(batch, from);
    } finally {
      work.end();
    }
  }

  private void take(Batch batch, AckSink from) {
    String agentId = batch.getAgentId();
    long sequence = batch.getSequence();
    BatchVerdict verdict = batchScreen.check(batch);
    if (verdict.isRejected()) {
      counters.rejected(verdict.rejection());
      log.warn("rejected batch {} of agent {}: {}: {}", Long.toUnsignedString(sequence), Printable.of(agentId),
          verdict.rejection(), verdict.reason());
      from.send(Acks.rejected(agentId, sequence, verdict.rejection(), verdict.reason()));
      return;
    }
    HeldBatch held = new HeldBatch(batch, from);
    Admission<PendingBatch> admission = sequences.admit(agentId, sequence,
        () -> new PendingBatch(agentId, sequence, batch.getEventsCount()), held::resolved);
    switch (admission.kind()) {
      case DURABLE -> {
        counters.duplicates.increment();
        counters.duplicateEvents.add(batch.getEventsCount());
        from.send(Acks.duplicate(agentId, sequence));
      }
      case IN_FLIGHT -> {
        // A resend (typically after a reconnect) of a batch still being written: it is answered when the first
        // copy becomes durable, and not written a second time.
        counters.inFlightResends.increment();
        admission.pending().addSink(from);
      }
      case IN_DOUBT -> held.park();
      case NEW -> route(admission.pending(), verdict, admission.durableEvents(), from);
    }
  }

  private void route(PendingBatch pending, BatchVerdict verdict, EventIndexes durable, AckSink from) {
    ScreenedEvents screened = eventScreen.check(verdict.agent().accountId(), verdict.events());
    pending.screened(screened.accepted().size(), screened.rejections(), screened.filtered());
    pending.addSink(from);
    if (!screened.rejections().isEmpty()) {
      EventRejection first = screened.rejections().get(0);
      log.warn("batch {} of agent {} (account {}): {} of {} events refused; first: event {} {}: {}",
          pending.sequence(), pending.agentId(), verdict.agent().accountId(), screened.rejections().size(),
          verdict.events().size(), first.getIndex(), first.getProblem(), first.getMessage());
    }
    List<AcceptedEvent> toWrite = screened.accepted();
    long bytes = screened.acceptedBytes();
    if (!durable.isEmpty()) {
      toWrite = new ArrayList<>(screened.accepted().size());
      bytes = 0;
      for (AcceptedEvent e : screened.accepted()) {
        if (!durable.contains(e.index())) {
          toWrite.add(e);
          bytes += e.bytes().length;
        }
      }
      int skipped = screened.accepted().size() - toWrite.size();
      counters.eventsSkippedAsDurable.add(skipped);
      if (toWrite.isEmpty() && skipped > 0) {
        pending.allDurableBefore();
      }
      log.info("batch {} of agent {}: {} of its {} accepted events were written before a restart ({}), writing "
          + "the other {}", pending.sequence(), pending.agentId(), skipped, screened.accepted().size(), durable,
          toWrite.size());
    }
    if (!toWrite.isEmpty()) {
      gate.add(bytes);
      router.append(pending, toWrite);
      if (gate.overBudget()) {
        // Keep half the budget for files still filling; the rest goes to the store now.
        router.rollBiggestDownTo(gate.maxBufferedBytes() / 2);
      }
    }
    if (pending.release()) {
      completion.routedAndComplete(pending);
    }
  }

  /**
   * A batch that must wait until recovery knows whether the log files journaled before the restart with some of
   * its events reached the store: its bytes count against the memory budget (so a stream sending many of them is
   * paused), and it is taken in again once that is known. {@link #park} and {@link #resolved} may come in either
   * order; the batch is resumed once, after both.
   */
  private final class HeldBatch {
    private final Batch batch;
    private final AckSink from;
    private final long bytes;
    private boolean parked;
    private boolean resolved;

    HeldBatch(Batch batch, AckSink from) {
      this.batch = batch;
      this.from = from;
      this.bytes = batch.getSerializedSize();
    }

    synchronized void park() {
      parked = true;
      work.begin();
      gate.add(bytes);
      counters.batchesAwaitingRecovery.incrementAndGet();
      if (resolved) {
        resumeLater();
      }
    }

    synchronized void resolved() {
      resolved = true;
      if (parked) {
        resumeLater();
      }
    }

    private void resumeLater() {
      try {
        executor.execute(this::resume);
      } catch (RejectedExecutionException stopped) {
        unpark(); // shutting down: the agent resends it to the next aggregator
      }
    }

    private void resume() {
      try {
        if (!closing) {
          take(batch, from);
        }
      } finally {
        unpark();
      }
    }

    private void unpark() {
      gate.release(bytes);
      counters.batchesAwaitingRecovery.decrementAndGet();
      work.end();
    }
  }
}
