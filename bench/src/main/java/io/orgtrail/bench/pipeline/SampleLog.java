package io.orgtrail.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stats samples one process printed, each with the {@link System#nanoTime()} it was read at. Appended by the
 * process's reader thread, read by the benchmark's thread.
 *
 * @param <T> {@link AgentSample} or {@link AggregatorSample}
 */
final class SampleLog<T> {
  /** A sample and when it was read. */
  record Timed<T>(long nanos, T sample) {}

  private final List<Timed<T>> samples = new ArrayList<>();

  synchronized void add(long nanos, T sample) {
    samples.add(new Timed<>(nanos, sample));
  }

  synchronized int size() {
    return samples.size();
  }

  synchronized Optional<Timed<T>> latest() {
    return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
  }

  /** The last sample read at or before {@code nanos}. */
  synchronized Optional<Timed<T>> atOrBefore(long nanos) {
    for (int i = samples.size() - 1; i >= 0; i--) {
      if (samples.get(i).nanos() - nanos <= 0) {
        return Optional.of(samples.get(i));
      }
    }
    return Optional.empty();
  }

  /** The first sample read at or after {@code nanos}. */
  synchronized Optional<Timed<T>> atOrAfter(long nanos) {
    for (Timed<T> t : samples) {
      if (t.nanos() - nanos >= 0) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The samples read from {@code fromNanos} to {@code toNanos}, both included. */
  synchronized List<Timed<T>> between(long fromNanos, long toNanos) {
    List<Timed<T>> found = new ArrayList<>();
    for (Timed<T> t : samples) {
      if (t.nanos() - fromNanos >= 0 && t.nanos() - toNanos <= 0) {
        found.add(t);
      }
    }
    return found;
  }
}
