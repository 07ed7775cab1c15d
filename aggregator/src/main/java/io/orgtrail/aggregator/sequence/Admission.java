package io.orgtrail.aggregator.sequence;

/**
 * What {@link SequenceTracker#admit} decided for a received (agent, sequence).
 *
 * @param kind whether the batch is new, already being written, or already durable
 * @param pending for {@link Kind#NEW}: the newly registered in-flight value; for {@link Kind#IN_FLIGHT}: the one
 *     registered by the first copy; null for {@link Kind#DURABLE}
 */
public record Admission<T>(Kind kind, T pending) {
  public enum Kind {
    /** First time seen: write it. */
    NEW,
    /** Received before and not yet durable (e.g. a resend after a reconnect): do not write it again. */
    IN_FLIGHT,
    /** Already durable: answer DUPLICATE. */
    DURABLE
  }
}
