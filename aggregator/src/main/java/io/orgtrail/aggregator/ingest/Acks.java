package io.orgtrail.aggregator.ingest;

import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.BatchRejection;

/** The three answers a batch can get. */
final class Acks {
  private Acks() {}

  static Ack durable(PendingBatch b) {
    return Ack.newBuilder()
        .setAgentId(b.agentId())
        .setSequence(b.sequence())
        .setStatus(AckStatus.DURABLE)
        .setEventsWritten(b.eventsWritten())
        .setEventsFiltered(b.eventsFiltered())
        .addAllRejectedEvents(b.rejections())
        .build();
  }

  static Ack duplicate(String agentId, long sequence) {
    return Ack.newBuilder()
        .setAgentId(agentId)
        .setSequence(sequence)
        .setStatus(AckStatus.DUPLICATE)
        .setReason("batch " + sequence + " of agent " + agentId + " was already written; nothing was written "
            + "again (expected when a batch is resent after a lost acknowledgement); treat it as delivered")
        .build();
  }

  static Ack rejected(String agentId, long sequence, BatchRejection rejection, String reason) {
    return Ack.newBuilder()
        .setAgentId(agentId)
        .setSequence(sequence)
        .setStatus(AckStatus.REJECTED)
        .setRejection(rejection)
        .setReason(reason)
        .build();
  }
}
