package io.orgtrail.aggregator.sequence;

/**
 * What {@link SequenceTracker#admit} decided for a received (agent, sequence).
 *
 * @param kind whether the batch is new, already being written, already durable, or waiting for recovery
 * @param pending for {@link Kind#NEW}: the newly registered in-flight value; for {@link Kind#IN_FLIGHT}: the one
 *     registered by the first copy; null otherwise
 * @param durableEvents for {@link Kind#NEW}: the batch's events already durable in the store (written before a
 *     restart by files that held only part of it): they must not be written again; empty otherwise
 */
public record Admission<T>(Kind kind, T pending, EventIndexes durableEvents) {
  public enum Kind {
    /** Not durable (or only partly, see {@link #durableEvents}): write what is not durable yet. */
    NEW,
    /** Received before and not yet durable (e.g. a resend after a reconnect): do not write it again. */
    IN_FLIGHT,
    /** Already durable: answer DUPLICATE. */
    DURABLE,
    /**
     * Log files journaled before a restart hold some of its events and the store has not yet been asked whether
     * they got there: the batch waits, and the callback given to {@code admit} runs once that is known.
     */
    IN_DOUBT
  }

  public Admission {
    durableEvents = durableEvents == null ? EventIndexes.NONE : durableEvents;
  }
}
