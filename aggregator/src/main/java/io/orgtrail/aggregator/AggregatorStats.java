package io.orgtrail.aggregator;

import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import java.util.Map;

/**
 * A snapshot of an aggregator's counts since it started.
 *
 * @param batchesReceived every batch received, whatever its fate
 * @param batchesDurable batches acknowledged DURABLE (counted once, however many copies were received)
 * @param duplicates batches answered DUPLICATE (already durable)
 * @param inFlightResends copies of a batch received while the first copy was still being written (not written
 *     again; answered when it became durable)
 * @param batchRejections batches answered REJECTED, by reason (non-zero entries only)
 * @param eventsWritten events in log files written to the store
 * @param eventsRejected events refused on their own, by problem (non-zero entries only)
 * @param filesWritten log files written to the store
 * @param storeFailures failed store writes (each retried until it succeeds)
 * @param filesRefused files never written because their key failed the prefix guard or they could not be
 *     assembled; always 0 unless there is a bug
 * @param bufferedBytes event bytes received and not yet written
 */
public record AggregatorStats(
    long batchesReceived,
    long batchesDurable,
    long duplicates,
    long inFlightResends,
    Map<BatchRejection, Long> batchRejections,
    long eventsWritten,
    Map<EventProblem, Long> eventsRejected,
    long filesWritten,
    long storeFailures,
    long filesRefused,
    long bufferedBytes,
    long digestsWritten,
    long digestFailures) {

  public AggregatorStats {
    batchRejections = Map.copyOf(batchRejections);
    eventsRejected = Map.copyOf(eventsRejected);
  }

  public long batchesRejected() {
    return batchRejections.values().stream().mapToLong(Long::longValue).sum();
  }

  public long batchesRejected(BatchRejection reason) {
    return batchRejections.getOrDefault(reason, 0L);
  }

  public long eventsRejectedTotal() {
    return eventsRejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public long eventsRejected(EventProblem problem) {
    return eventsRejected.getOrDefault(problem, 0L);
  }
}
