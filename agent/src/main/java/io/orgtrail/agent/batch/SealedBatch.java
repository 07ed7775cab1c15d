package io.orgtrail.agent.batch;

import io.orgtrail.proto.v1.Batch;
import java.util.Map;

/**
 * A signed batch with its sequence number, ready to send and kept until it is settled. The records live only in
 * {@code message} (wrapped, not copied), so an unacknowledged batch costs its records' bytes once.
 */
public record SealedBatch(Batch message, int events, long bytes, Map<SettlementListener, Integer> listeners) {
  public long sequence() {
    return message.getSequence();
  }

  /** Tells every source with events in this batch how it ended. */
  public void notifyListeners(boolean acknowledged) {
    for (Map.Entry<SettlementListener, Integer> e : listeners.entrySet()) {
      e.getKey().settled(e.getValue(), acknowledged);
    }
  }
}
