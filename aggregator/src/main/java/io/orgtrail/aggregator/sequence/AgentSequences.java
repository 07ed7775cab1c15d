package io.orgtrail.aggregator.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/** One agent's sequence state. All access is synchronized on the instance: it is touched once per batch. */
final class AgentSequences<T> {
  private long contiguous;
  private final TreeSet<Long> above = new TreeSet<>();
  private final Map<Long, T> inFlight = new HashMap<>();
  /** Batches not durable as a whole, with the events that are (a restart came between their files). */
  private final TreeMap<Long, EventIndexes> partial = new TreeMap<>();
  /** Per sequence: how many log files journaled before the restart hold some of it and are not resolved yet. */
  private final Map<Long, Integer> doubts = new HashMap<>();
  private final Map<Long, List<Runnable>> waiting = new HashMap<>();

  AgentSequences(DurableSequences restored) {
    this.contiguous = restored.contiguous();
    this.above.addAll(restored.above());
    restored.partial().forEach((sequence, events) -> {
      if (!isDurable(sequence)) {
        partial.put(sequence, events);
      }
    });
  }

  synchronized Admission<T> admit(long sequence, Supplier<T> create, Runnable whenResolved) {
    if (isDurable(sequence)) {
      return new Admission<>(Admission.Kind.DURABLE, null, null);
    }
    T existing = inFlight.get(sequence);
    if (existing != null) {
      return new Admission<>(Admission.Kind.IN_FLIGHT, existing, null);
    }
    if (doubts.containsKey(sequence)) {
      waiting.computeIfAbsent(sequence, s -> new ArrayList<>(1)).add(whenResolved);
      return new Admission<>(Admission.Kind.IN_DOUBT, null, null);
    }
    T created = create.get();
    inFlight.put(sequence, created);
    return new Admission<>(Admission.Kind.NEW, created, partial.get(sequence));
  }

  /** Nothing to do when the batch is durable as a whole already. */
  synchronized void markEventsDurable(long sequence, EventIndexes events) {
    if (isDurable(sequence) || events.isEmpty()) {
      return;
    }
    partial.merge(sequence, events, EventIndexes::union);
  }

  /** Returns how many sequences were given up as skipped to respect {@code maxAbove} (usually 0). */
  synchronized long markDurable(long sequence, int maxAbove) {
    inFlight.remove(sequence);
    partial.remove(sequence);
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
    partial.headMap(contiguous, true).clear();
    return skipped;
  }

  synchronized void abandon(long sequence) {
    inFlight.remove(sequence);
  }

  synchronized void doubt(long sequence) {
    doubts.merge(sequence, 1, Integer::sum);
  }

  /** One file holding some of {@code sequence} is resolved; returns the callbacks to run when it was the last. */
  synchronized List<Runnable> resolve(long sequence) {
    Integer left = doubts.get(sequence);
    if (left == null) {
      return List.of();
    }
    if (left > 1) {
      doubts.put(sequence, left - 1);
      return List.of();
    }
    doubts.remove(sequence);
    List<Runnable> w = waiting.remove(sequence);
    return w == null ? List.of() : w;
  }

  synchronized int inDoubt() {
    return doubts.size();
  }

  synchronized DurableSequences snapshot() {
    return new DurableSequences(contiguous, above.stream().toList(), partial);
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
