package io.orgtrail.agent;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what an {@link Agent} has done since it started. Callers that wait for delivery poll this.
 *
 * @param eventsAccepted records sources handed over that passed intake's checks
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
 * @param pendingBatches sealed batches not yet acknowledged (sent, waiting to be sent or to be resent)
 * @param pendingEvents accepted events not yet settled, including the open batch; 0 once everything accepted was
 *     acknowledged or refused
 * @param pendingBytes the bytes of those events (bounded by {@link AgentConfig#maxInFlightBytes()})
 * @param connected a stream to the aggregator is open over a ready connection
 * @param lastError the most recent problem (with the aggregator or the state directory), or null; it may be
 *     resolved by now
 * @param filesFinished files of the watched directory done with in this run (delivered, unreadable, or with
 *     batches the aggregator rejected)
 * @param filesFailed of those, files that were unreadable or had batches rejected
 * @param filesPending files being read or waiting for acknowledgements
 * @param eventsGenerated records the generator handed to intake
 * @param generatorDone the generator made its configured count (true when there is no generator)
 * @param chainHeadsKept signed digest chain heads of the agent's account kept as witnesses in this run
 *     ({@code <stateDir>/witness/})
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
    long chainHeadsKept) {

  public AgentStats {
    rejectedAtIntakeByProblem = Collections.unmodifiableMap(new TreeMap<>(rejectedAtIntakeByProblem));
  }

  static AgentStats notStarted(boolean generatorDone) {
    return new AgentStats(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, false, null, 0, 0, 0, 0, generatorDone, 0);
  }
}
