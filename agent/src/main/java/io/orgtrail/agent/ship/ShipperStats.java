package io.orgtrail.agent.ship;

/**
 * The shipper's counters.
 *
 * @param batchesSent batches sent for the first time
 * @param resends sends of a batch beyond its first (after reconnects or UNKNOWN_AGENT retries)
 * @param eventsAcknowledged events of DURABLE and DUPLICATE batches, minus the ones a DURABLE ack refused
 * @param eventsRejected events the aggregator refused: one by one in DURABLE acks, and all events of rejected batches
 * @param batchesRejected batches the aggregator rejected as a whole (and the agent dropped)
 * @param pendingBatches batches sent or waiting to be sent, not yet acknowledged
 * @param pendingEvents events in those batches
 * @param connected a stream to the aggregator is open over a ready connection
 * @param lastError the most recent problem with the aggregator, or null; it may be resolved by now
 * @param batchesUnreadable batches dropped because their spool record could not be read back (damaged disk)
 * @param eventsFilteredByAggregator events of DURABLE batches the aggregator's event selectors did not select
 *     (acknowledged, counted in {@code eventsAcknowledged}, but not written)
 */
public record ShipperStats(
    long batchesSent,
    long resends,
    long eventsAcknowledged,
    long eventsRejected,
    long batchesRejected,
    int pendingBatches,
    long pendingEvents,
    boolean connected,
    String lastError,
    long batchesUnreadable,
    long eventsFilteredByAggregator) {}
