package io.orgtrail.agent.ship;

import io.orgtrail.agent.batch.SealedBatch;

/** Told once per batch when the shipper is done with it. */
@FunctionalInterface
public interface ShipmentListener {
  /**
   * @param acknowledged true for a DURABLE or DUPLICATE ack (events the ack refuses on their own included), false
   *     when the aggregator rejected the whole batch and it was dropped
   */
  void settled(SealedBatch batch, boolean acknowledged);
}
