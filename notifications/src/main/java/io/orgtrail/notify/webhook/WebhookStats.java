package io.orgtrail.notify.webhook;

/**
 * A snapshot of a {@link WebhookSender}'s counters since it started.
 *
 * @param sent messages accepted by {@code send} (not counting those refused because the queue was full or the sender
 *     closed)
 * @param delivered messages a receiver answered with 2xx
 * @param retried attempts scheduled again after a retryable failure
 * @param deadLettered messages written to the dead-letter file, for any reason (includes {@code queueFull})
 * @param queueFull messages refused because the queue was full
 */
public record WebhookStats(long sent, long delivered, long retried, long deadLettered, long queueFull) {}
