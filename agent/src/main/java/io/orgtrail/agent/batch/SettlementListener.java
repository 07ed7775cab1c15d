package io.orgtrail.agent.batch;

/**
 * Told what became of the events a source handed over, per batch, with the number of this listener's events in
 * it. A batch is first either {@link #spooled} (on disk, fsync'd: the source may now be told its events were
 * accepted) or {@link #refused} (the spool could not take it: the source must be told they were not, and they
 * are never sent); a spooled batch is later {@link #settled} by the aggregator. Calls for one listener come in
 * the order its events were handed over, on the pipeline thread or a gRPC thread: keep them short.
 */
@FunctionalInterface
public interface SettlementListener {
  SettlementListener NONE = (events, acknowledged) -> {};

  /** The batch holding {@code events} of this listener's events is in the spool, forced to disk. */
  default void spooled(int events) {}

  /** The batch holding {@code events} of this listener's events could not be spooled; it is dropped. */
  default void refused(int events, String reason) {}

  /**
   * The aggregator acknowledged the batch (durable, duplicate, or durable with some events refused on their own)
   * when {@code acknowledged}, or rejected it as a whole (it was dropped).
   */
  void settled(int events, boolean acknowledged);
}
