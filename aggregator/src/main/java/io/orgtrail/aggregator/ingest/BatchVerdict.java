package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.registry.EnrolledAgent;
import io.orgtrail.proto.v1.BatchRejection;
import java.util.List;

/** The outcome of the batch-level checks: the agent and the events' bytes, or why the batch is refused. */
record BatchVerdict(EnrolledAgent agent, List<byte[]> events, BatchRejection rejection, String reason) {
  static BatchVerdict accepted(EnrolledAgent agent, List<byte[]> events) {
    return new BatchVerdict(agent, events, null, null);
  }

  static BatchVerdict rejected(BatchRejection rejection, String reason) {
    return new BatchVerdict(null, null, rejection, reason);
  }

  boolean isRejected() {
    return rejection != null;
  }
}
