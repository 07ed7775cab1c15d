package io.orgtrail.aggregator.sequence;

import java.util.Objects;

/**
 * Some events of one batch: what a log file holds of a batch (journaled with the file before it is put), or what
 * of a batch is durable.
 */
public record BatchEvents(String agentId, long sequence, EventIndexes events) {
  public BatchEvents {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(events, "events");
  }
}
