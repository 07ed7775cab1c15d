package io.orgtrail.aggregator.sequence;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/** One agent's sequence state. All access is synchronized on the instance: it is touched once per batch. */
final class AgentSequences<T> {
  private long contiguous;
  private final TreeSet<Long> above = new TreeSet<>();
  private final Map<Long, T> inFlight = new HashMap<>();

  AgentSequences(DurableSequences restored) {
    this.contiguous = restored.contiguous();
    this.above.addAll(restored.above());
  }

  synchronized Admission<T> admit(long sequence, Supplier<T> create) {
    if (isDurable(sequence)) {
      return new Admission<>(Admission.Kind.DURABLE, null);
    }
    T existing = inFlight.get(sequence);
    if (existing != null) {
      return new Admission<>(Admission.Kind.IN_FLIGHT, existing);
    }
    T created = create.get();
    inFlight.put(sequence, created);
    return new Admission<>(Admission.Kind.NEW, created);
  }

  /** Returns how many sequences were given up as skipped to respect {@code maxAbove} (usually 0). */
  synchronized long markDurable(long sequence, int maxAbove) {
    inFlight.remove(sequence);
    if (isDurable(sequence)) {
      return 0;
    }
    above.add(sequence);
    compact();
    long skipped = 0;
    // An agent that lost unacknowledged batches (it crashed before its disk spool existed) never sends those
    // numbers again; without a bound the set would grow by one entry per batch forever. Past the bound the
    // lowest gap is treated as skipped for good.
    while (above.size() > maxAbove) {
      long first = above.first();
      skipped += first - contiguous - 1;
      contiguous = first;
      compact();
    }
    return skipped;
  }

  synchronized void abandon(long sequence) {
    inFlight.remove(sequence);
  }

  synchronized DurableSequences snapshot() {
    return new DurableSequences(contiguous, above.stream().toList());
  }

  private boolean isDurable(long sequence) {
    return sequence <= contiguous || above.contains(sequence);
  }

  private void compact() {
    while (!above.isEmpty() && above.first() <= contiguous + 1) {
      contiguous = Math.max(contiguous, above.pollFirst());
    }
  }
}
