package io.orgtrail.bench.scale;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one simulated agent's stream did, written by its simulator at the end.
 *
 * @param sentBatches batches sent; their sequences are 1 to this
 * @param ackedBatches batches acknowledged DURABLE
 * @param ackedEvents events of those, less the ones refused on their own
 * @param ackedBytes the record bytes of those events
 * @param windowAckedEvents events acknowledged during the measurement window
 * @param windowAckedBytes their record bytes
 * @param firstAckMillis milliseconds from the stream's start to its first acknowledgement (-1: none)
 * @param backlogEventsAtWindowEnd events made but not yet sent (their in-flight window was full) when the window
 *     ended: a rate the aggregator did not keep up with
 * @param rejectedBatches batches answered REJECTED
 * @param rejectedEvents events refused on their own within DURABLE batches
 * @param unexpectedAcks acknowledgements for no batch in flight, or DUPLICATE (this run never resends)
 * @param unackedSequences sequences sent and never answered
 * @param rejectedSequences sequences answered REJECTED
 * @param failed whether the stream ended early (the aggregator failed or ended it)
 * @param problem the first problem: a rejection, a refused event, an unexpected answer, or why the stream ended early
 *     (null: none)
 */
record StreamResult(
    @JsonProperty("stream") int stream,
    @JsonProperty("agentId") String agentId,
    @JsonProperty("accountId") String accountId,
    @JsonProperty("sentBatches") long sentBatches,
    @JsonProperty("sentEvents") long sentEvents,
    @JsonProperty("ackedBatches") long ackedBatches,
    @JsonProperty("ackedEvents") long ackedEvents,
    @JsonProperty("ackedBytes") long ackedBytes,
    @JsonProperty("windowAckedEvents") long windowAckedEvents,
    @JsonProperty("windowAckedBytes") long windowAckedBytes,
    @JsonProperty("firstAckMillis") long firstAckMillis,
    @JsonProperty("backlogEventsAtWindowEnd") long backlogEventsAtWindowEnd,
    @JsonProperty("rejectedBatches") long rejectedBatches,
    @JsonProperty("rejectedEvents") long rejectedEvents,
    @JsonProperty("unexpectedAcks") long unexpectedAcks,
    @JsonProperty("unackedSequences") List<Long> unackedSequences,
    @JsonProperty("rejectedSequences") List<Long> rejectedSequences,
    @JsonProperty("failed") boolean failed,
    @JsonProperty("problem") String problem) {

  StreamResult {
    unackedSequences = List.copyOf(unackedSequences);
    rejectedSequences = List.copyOf(rejectedSequences);
  }
}
