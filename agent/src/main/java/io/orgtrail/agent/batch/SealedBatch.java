package io.orgtrail.agent.batch;

import io.orgtrail.agent.spool.SpoolLocation;
import io.orgtrail.agent.spool.SpooledBatch;
import io.orgtrail.proto.v1.Batch;
import java.util.Map;

/**
 * A signed batch in the spool, ready to send and kept until it is settled. {@code message} is its content when
 * it is at hand (just written) and null when it has to be read back from the spool at {@link #location()} (a
 * batch found in the spool after a restart, or one the shipper let go of to bound its memory).
 */
public record SealedBatch(SpooledBatch spooled, Batch message, Map<SettlementListener, Integer> listeners) {
  /** A batch found in the spool after a restart: its sources were told before. */
  public static SealedBatch recovered(SpooledBatch spooled) {
    return new SealedBatch(spooled, null, Map.of());
  }

  public long sequence() {
    return spooled.sequence();
  }

  public int events() {
    return spooled.events();
  }

  public long bytes() {
    return spooled.bytes();
  }

  public long spooledAtMillis() {
    return spooled.spooledAtMillis();
  }

  public SpoolLocation location() {
    return spooled.location();
  }

  public SealedBatch withoutMessage() {
    return message == null ? this : new SealedBatch(spooled, null, listeners);
  }

  /** Tells every source with events in this batch that they are on disk. */
  public void notifySpooled() {
    for (Map.Entry<SettlementListener, Integer> e : listeners.entrySet()) {
      e.getKey().spooled(e.getValue());
    }
  }

  /** Tells every source with events in this batch how it ended. */
  public void notifyListeners(boolean acknowledged) {
    for (Map.Entry<SettlementListener, Integer> e : listeners.entrySet()) {
      e.getKey().settled(e.getValue(), acknowledged);
    }
  }
}
