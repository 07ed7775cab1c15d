package io.orgtrail.agent.batch;

import io.orgtrail.agent.spool.SourceMark;
import java.util.List;
import java.util.Map;

/**
 * A batch that takes no more events but has no sequence number or signature yet; {@code marks} are the positions
 * its events bring their sources to (one per source key).
 */
record ClosedBatch(List<byte[]> events, long bytes, Map<SettlementListener, Integer> listeners,
    List<SourceMark> marks) {

  void notifyRefused(String reason) {
    for (Map.Entry<SettlementListener, Integer> e : listeners.entrySet()) {
      e.getKey().refused(e.getValue(), reason);
    }
  }
}
