package io.orgtrail.aggregator.sequence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One agent's durable sequences: every sequence up to {@code contiguous}, plus the ones listed above it (an agent
 * may skip numbers, and batches can become durable out of order).
 */
public record DurableSequences(
    @JsonProperty("contiguous") long contiguous, @JsonProperty("above") List<Long> above) {
  public DurableSequences {
    above = above == null ? List.of() : List.copyOf(above);
  }
}
