package io.orgtrail.aggregator;

import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of an aggregator's counts since it started (gauges: its state now).
 *
 * @param batchesReceived every batch received, whatever its fate
 * @param batchesDurable batches acknowledged DURABLE (counted once, however many copies were received)
 * @param duplicates batches answered DUPLICATE (already durable: recognised from the sequence state, or, after a
 *     restart, because every accepted event was in log files the journal named and the store had)
 * @param duplicateEvents the events of those batches (none of them written again)
 * @param eventsSkippedAsDurable events of resent batches that were already in the store, written before a restart
 *     by files the journal named (or by one file of a batch split over several), and so not written again
 * @param inFlightResends copies of a batch received while the first copy was still being written (not written
 *     again; answered when it became durable)
 * @param batchRejections batches answered REJECTED, by reason (non-zero entries only)
 * @param eventsWritten events in log files written to the store
 * @param eventsRejected events refused on their own, by problem (non-zero entries only)
 * @param filesWritten log files written to the store
 * @param storeFailures failed attempts to journal or write a log file (each retried until it succeeds)
 * @param stateSaveFailures failed saves of the sequence state (retried; acknowledgements wait for them)
 * @param filesRefused files never written because their key failed the prefix guard or they could not be
 *     assembled; always 0 unless there is a bug
 * @param bufferedBytes event bytes received and not yet written (gauge)
 * @param pausedStreams agents' streams not read from now because the memory budget is spent (gauge)
 * @param pushbackTime how long, in all, streams were not read from because the memory budget was spent
 * @param batchesAwaitingRecovery received batches waiting for the store to tell whether log files journaled before
 *     the restart hold them (gauge)
 * @param recoveredFilesInStore log files journaled before the restart and found in the store (their events durable)
 * @param recoveredFilesMissing log files journaled before the restart that never reached the store
 * @param digestsWritten digest files written
 * @param digestFailures failed digest attempts, including asking the store about journaled files after a restart
 */
public record AggregatorStats(
    long batchesReceived,
    long batchesDurable,
    long duplicates,
    long duplicateEvents,
    long eventsSkippedAsDurable,
    long inFlightResends,
    Map<BatchRejection, Long> batchRejections,
    long eventsWritten,
    Map<EventProblem, Long> eventsRejected,
    long filesWritten,
    long storeFailures,
    long stateSaveFailures,
    long filesRefused,
    long bufferedBytes,
    int pausedStreams,
    Duration pushbackTime,
    long batchesAwaitingRecovery,
    long recoveredFilesInStore,
    long recoveredFilesMissing,
    long digestsWritten,
    long digestFailures) {

  static final AggregatorStats NONE = new AggregatorStats(0, 0, 0, 0, 0, 0, Map.of(), 0, Map.of(), 0, 0, 0, 0, 0, 0,
      Duration.ZERO, 0, 0, 0, 0, 0);

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

  /** One line for the periodic log: what was received, made durable, recognised again, and what waits. */
  public String deliverySummary() {
    return String.format(java.util.Locale.ROOT,
        "received %d batches: %d durable, %d duplicates recognised (%d events), %d resends while writing, %d rejected; "
            + "%d events written in %d files, %d events skipped as already durable after a restart; %d bytes "
            + "buffered, %d streams paused (pushback %d ms in all), %d batches awaiting recovery; store failures %d, "
            + "state save failures %d; %d digests written, %d digest failures",
        batchesReceived, batchesDurable, duplicates, duplicateEvents, inFlightResends, batchesRejected(),
        eventsWritten, filesWritten, eventsSkippedAsDurable, bufferedBytes, pausedStreams, pushbackTime.toMillis(),
        batchesAwaitingRecovery, storeFailures, stateSaveFailures, digestsWritten, digestFailures);
  }
}
