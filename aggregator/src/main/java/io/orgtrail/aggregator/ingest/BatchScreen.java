package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.aggregator.registry.EnrolledAgent;
import io.orgtrail.format.batch.BatchVerifier;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.BatchRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks on a whole batch, in order: enrolled agent, size, not empty, valid sequence, signature. A batch that
 * fails any of them is answered REJECTED and nothing of it is written.
 */
final class BatchScreen {
  private final AgentRegistry registry;
  private final int maxBatchBytes;

  BatchScreen(AgentRegistry registry, int maxBatchBytes) {
    this.registry = registry;
    this.maxBatchBytes = maxBatchBytes;
  }

  BatchVerdict check(Batch batch) {
    String agentId = batch.getAgentId();
    if (agentId.isEmpty()) {
      return BatchVerdict.rejected(BatchRejection.UNKNOWN_AGENT,
          "the batch has no agent_id; set it to the agentId from the agent's key file (written by orgtrail admin "
              + "enroll)");
    }
    Optional<EnrolledAgent> found = registry.find(agentId);
    if (found.isEmpty()) {
      return BatchVerdict.rejected(BatchRejection.UNKNOWN_AGENT,
          "agent " + Printable.of(agentId) + " is not enrolled; enroll it with orgtrail admin enroll --account "
              + "<account> --registry-dir <the aggregator's registry dir> --out <key file>, and start the agent "
              + "with that key file");
    }
    int size = batch.getSerializedSize();
    if (size > maxBatchBytes) {
      return BatchVerdict.rejected(BatchRejection.BATCH_TOO_LARGE,
          "the batch is " + size + " bytes; the limit is " + maxBatchBytes + " bytes; send fewer events per batch");
    }
    if (batch.getEventsCount() == 0) {
      return BatchVerdict.rejected(BatchRejection.EMPTY_BATCH,
          "the batch has no events; send batches with at least one event");
    }
    if (batch.getSequence() <= 0) { // 0, or above 2^63-1 (a uint64 read as a negative long)
      return BatchVerdict.rejected(BatchRejection.INVALID_SEQUENCE,
          "sequence " + Long.toUnsignedString(batch.getSequence()) + " is not valid; number an agent's batches "
              + "from 1 upwards (at most 2^63-1)");
    }
    List<byte[]> events = new ArrayList<>(batch.getEventsCount());
    for (int i = 0; i < batch.getEventsCount(); i++) {
      events.add(batch.getEvents(i).toByteArray());
    }
    if (!BatchVerifier.verify(found.get().publicKey(), agentId, batch.getSequence(), events,
        batch.getSignature().toByteArray())) {
      return BatchVerdict.rejected(BatchRejection.BAD_SIGNATURE,
          "the signature does not match the batch and the public key enrolled for agent " + agentId + "; sign "
              + "with the key file issued at enrollment, and do not alter a batch after signing it");
    }
    return BatchVerdict.accepted(found.get(), events);
  }
}
