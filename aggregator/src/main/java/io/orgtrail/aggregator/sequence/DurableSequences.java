package io.orgtrail.aggregator.sequence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One agent's durable sequences: every sequence up to {@code contiguous}, plus the ones listed above it (an agent
 * may skip numbers, and batches can become durable out of order), plus the batches only partly durable (some of
 * their log files are in the store, not all: a crash came in between) with which of their events are.
 */
public record DurableSequences(
    @JsonProperty("contiguous") long contiguous,
    @JsonProperty("above") List<Long> above,
    @JsonProperty("partial") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Long, EventIndexes> partial) {
  public DurableSequences {
    above = above == null ? List.of() : List.copyOf(above);
    partial = partial == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(partial));
  }

  public DurableSequences(long contiguous, List<Long> above) {
    this(contiguous, above, Map.of());
  }
}
