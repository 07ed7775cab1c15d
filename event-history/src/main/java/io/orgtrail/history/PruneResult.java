package io.orgtrail.history;

import java.time.Instant;

/**
 * What {@link EventHistory#prune} removed.
 *
 * @param cutoff events with an eventTime before this were removed
 * @param eventsDeleted how many
 * @param keysForgotten indexed-file keys forgotten (indexed before the cutoff, so they hold only expired events)
 */
public record PruneResult(Instant cutoff, long eventsDeleted, long keysForgotten) {}
