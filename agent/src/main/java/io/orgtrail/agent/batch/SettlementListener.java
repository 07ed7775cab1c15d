package io.orgtrail.agent.batch;

/**
 * Told when batches holding events a source handed over are settled: acknowledged by the aggregator (durable,
 * duplicate, or durable with some events refused on their own), or rejected as a whole and dropped. Called once
 * per batch with the number of this listener's events in it, on a gRPC or pipeline thread: keep it short.
 */
@FunctionalInterface
public interface SettlementListener {
  SettlementListener NONE = (events, acknowledged) -> {};

  void settled(int events, boolean acknowledged);
}
