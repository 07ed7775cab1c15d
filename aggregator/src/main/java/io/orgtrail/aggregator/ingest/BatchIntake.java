package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.sequence.Admission;
import io.orgtrail.aggregator.sequence.SequenceTracker;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.EventRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in one received batch: batch checks, sequence (new, in flight, or durable), event checks, routing into
 * open files. Runs on the gRPC thread of the batch's stream; writing happens elsewhere.
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
  private volatile boolean closing;

  BatchIntake(
      BatchScreen batchScreen,
      EventScreen eventScreen,
      SequenceTracker<PendingBatch> sequences,
      FileRouter router,
      FlowGate gate,
      BatchCompletion completion,
      WorkTracker work,
      IngestCounters counters) {
    this.batchScreen = batchScreen;
    this.eventScreen = eventScreen;
    this.sequences = sequences;
    this.router = router;
    this.gate = gate;
    this.completion = completion;
    this.work = work;
    this.counters = counters;
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
    Admission<PendingBatch> admission =
        sequences.admit(agentId, sequence, () -> new PendingBatch(agentId, sequence));
    switch (admission.kind()) {
      case DURABLE -> {
        counters.duplicates.increment();
        from.send(Acks.duplicate(agentId, sequence));
      }
      case IN_FLIGHT -> {
        // A resend (typically after a reconnect) of a batch still being written: it is answered when the first
        // copy becomes durable, and not written a second time.
        counters.inFlightResends.increment();
        admission.pending().addSink(from);
      }
      case NEW -> route(admission.pending(), verdict, from);
    }
  }

  private void route(PendingBatch pending, BatchVerdict verdict, AckSink from) {
    ScreenedEvents screened = eventScreen.check(verdict.agent().accountId(), verdict.events());
    pending.screened(screened.accepted().size(), screened.rejections());
    pending.addSink(from);
    if (!screened.rejections().isEmpty()) {
      EventRejection first = screened.rejections().get(0);
      log.warn("batch {} of agent {} (account {}): {} of {} events refused; first: event {} {}: {}",
          pending.sequence(), pending.agentId(), verdict.agent().accountId(), screened.rejections().size(),
          verdict.events().size(), first.getIndex(), first.getProblem(), first.getMessage());
    }
    if (!screened.accepted().isEmpty()) {
      gate.add(screened.acceptedBytes());
      router.append(pending, screened.accepted());
      if (gate.overBudget()) {
        // Keep half the budget for files still filling; the rest goes to the store now.
        router.rollBiggestDownTo(gate.maxBufferedBytes() / 2);
      }
    }
    if (pending.release()) {
      completion.routedAndComplete(pending);
    }
  }
}
