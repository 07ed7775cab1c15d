package io.orgtrail.bench.scale;

import java.util.Arrays;

/** A growable list of longs without boxing (latencies: tens of thousands per process). Not thread-safe. */
final class LongList {
  private long[] values = new long[64];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  long[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
