package io.orgtrail.aggregator.digest;

import io.orgtrail.aggregator.sequence.BatchEvents;
import java.io.IOException;
import java.util.List;

/**
 * Told, after a restart, what became of the log files journaled before it: which reached the store and which did
 * not. Called before any digest lists those files, so that what the listener records (their events are durable)
 * is on disk before the journal lines that say so can be compacted away.
 */
@FunctionalInterface
public interface RecoveryListener {
  RecoveryListener NONE = (inStore, notInStore) -> {};

  /**
   * @param inStore the events held by journaled files that are in the store
   * @param notInStore the events held by journaled files that never reached it
   * @throws IOException when what it learnt cannot be saved; the files stay unresolved and it is asked again
   */
  void resolved(List<BatchEvents> inStore, List<BatchEvents> notInStore) throws IOException;
}
