package io.orgtrail.agent;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what an {@link Agent} has done since it started. Callers that wait for delivery poll this.
 *
 * @param eventsAccepted records written to the spool (fsync'd) in this run: what sources were told was accepted
 * @param eventsRejectedAtIntake records refused at intake, all problems together
 * @param rejectedAtIntakeByProblem the same by problem: a {@code RecordProblem} name (MALFORMED_JSON,
 *     MISSING_FIELD, EVENT_TOO_LARGE, WRONG_ACCOUNT, INVALID_REGION, INVALID_FIELD) or, for refusals of the
 *     PutAuditEvents endpoint itself, an {@code AuditEventError} name (DUPLICATE_ID, MISSING_EVENT_DATA,
 *     INVALID_CHECKSUM, CHECKSUM_MISMATCH)
 * @param batchesSent batches sent to the aggregator (each counted once)
 * @param resends sends of a batch beyond its first, after reconnects and UNKNOWN_AGENT retries
 * @param eventsAcknowledged events the aggregator acknowledged as durable (DURABLE or DUPLICATE), minus the ones it
 *     refused one by one
 * @param eventsRejectedByAggregator events the aggregator refused: one by one in DURABLE acks, plus every event of
 *     a batch it rejected as a whole
 * @param batchesRejected batches the aggregator rejected as a whole (logged at ERROR and dropped)
 * @param pendingBatches batches not yet acknowledged: closed but not yet in the spool, and in the spool (sent,
 *     waiting to be sent or to be resent)
 * @param pendingEvents events not yet settled: handed over and not yet spooled (the open batch included), and in
 *     unacknowledged spooled batches; 0 once everything accepted was acknowledged or refused
 * @param pendingBytes the bytes of those records
 * @param connected a stream to the aggregator is open over a ready connection
 * @param lastError the most recent problem (with the aggregator or the state directory), or null; it may be
 *     resolved by now
 * @param filesFinished files of the watched directory done with in this run (all records in the spool, or
 *     unreadable)
 * @param filesFailed of those, files that were unreadable
 * @param filesPending files being read (or paused because the spool is full or failing)
 * @param eventsGenerated records the generator handed to intake
 * @param generatorDone the generator made its configured count (true when there is no generator)
 * @param chainHeadsKept signed digest chain heads of the agent's account kept as witnesses in this run
 *     ({@code <stateDir>/witness/})
 * @param eventsRefusedBySpool events the spool could not take (disk full, I/O error); their sources were told so
 *     (PutAuditEvents 503 or NOT_STORED; the directory source hands them over again)
 * @param spoolFullRefusals PutAuditEvents calls answered 503 and source pauses because the spool was full
 * @param spoolWriteFailures spool writes or fsyncs that failed
 * @param spoolBatches unacknowledged batches in the spool
 * @param spoolEvents records in them
 * @param spoolBytes disk bytes of the spool's segment files (bounded by {@link AgentConfig#spoolMaxBytes()})
 * @param oldestUnacknowledgedMillis age of the oldest unacknowledged batch in the spool, 0 when there is none
 * @param replayedBatches unacknowledged batches found in the spool at start (sent again, same bytes)
 * @param ackLatencyP50Millis median time from spooling a batch to its acknowledgement, over the last
 *     {@value Agent#LATENCY_WINDOW} acknowledgements (0 before the first)
 * @param ackLatencyP99Millis the 99th percentile of the same
 * @param corruptTailsRecovered damaged or torn segment ends cut off at start
 * @param corruptBytesDropped bytes cut off with them (moved aside to {@code <segment>.corrupt-<n>})
 * @param batchesUnreadable spooled batches dropped because they no longer read back (damaged disk)
 * @param eventsFiltered valid records the trail's event selectors did not select, taken from their sources but
 *     neither spooled nor sent (not counted in {@code eventsAccepted})
 * @param eventsFilteredByAggregator events of sent batches the aggregator's selectors did not select (sent before
 *     this agent applied the current selectors): acknowledged, counted in {@code eventsAcknowledged}, not written
 * @param selectorsFingerprint the fingerprint (hex SHA-256) of the event selectors applied at intake, or null when
 *     the agent never received any (then it selects everything)
 * @param selectorsUpdatesIgnored updates of the event selectors from the aggregator that did not parse or validate
 *     (logged at WARN; the selectors applied before stayed)
 */
public record AgentStats(
    long eventsAccepted,
    long eventsRejectedAtIntake,
    Map<String, Long> rejectedAtIntakeByProblem,
    long batchesSent,
    long resends,
    long eventsAcknowledged,
    long eventsRejectedByAggregator,
    long batchesRejected,
    long pendingBatches,
    long pendingEvents,
    long pendingBytes,
    boolean connected,
    String lastError,
    long filesFinished,
    long filesFailed,
    long filesPending,
    long eventsGenerated,
    boolean generatorDone,
    long chainHeadsKept,
    long eventsRefusedBySpool,
    long spoolFullRefusals,
    long spoolWriteFailures,
    long spoolBatches,
    long spoolEvents,
    long spoolBytes,
    long oldestUnacknowledgedMillis,
    long replayedBatches,
    long ackLatencyP50Millis,
    long ackLatencyP99Millis,
    long corruptTailsRecovered,
    long corruptBytesDropped,
    long batchesUnreadable,
    long eventsFiltered,
    long eventsFilteredByAggregator,
    String selectorsFingerprint,
    long selectorsUpdatesIgnored) {

  public AgentStats {
    rejectedAtIntakeByProblem = Collections.unmodifiableMap(new TreeMap<>(rejectedAtIntakeByProblem));
  }

  static AgentStats notStarted(boolean generatorDone) {
    return new AgentStats(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, false, null, 0, 0, 0, 0, generatorDone, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
  }

  /** One line for the periodic INFO log: the delivery state. */
  public String deliverySummary() {
    return String.format(java.util.Locale.ROOT,
        "accepted %d events, acknowledged %d; spool %d batches / %d events / %d bytes on disk, oldest unacknowledged "
            + "%d ms; ack latency p50 %d ms p99 %d ms; sent %d batches, %d resends, %d replayed from the spool; "
            + "refused: %d events (spool write failures %d), %d times spool full; corrupt tails cut %d (%d bytes); "
            + "filtered by event selectors %s: %d events here, %d by the aggregator; %s",
        eventsAccepted, eventsAcknowledged, spoolBatches, spoolEvents, spoolBytes, oldestUnacknowledgedMillis,
        ackLatencyP50Millis, ackLatencyP99Millis, batchesSent, resends, replayedBatches, eventsRefusedBySpool,
        spoolWriteFailures, spoolFullRefusals, corruptTailsRecovered, corruptBytesDropped,
        io.orgtrail.agent.selectors.AppliedSelectors.describe(selectorsFingerprint), eventsFiltered,
        eventsFilteredByAggregator, connected ? "connected" : "not connected");
  }
}
