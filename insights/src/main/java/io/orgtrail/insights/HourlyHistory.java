package io.orgtrail.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-minute counts older than the recent window, folded into hours: per hour the sum of the minute counts and the
 * sum of their squares, which is all a mean and a standard deviation need. Only hours with a non-zero count take
 * space (a key called a few times a week holds a few entries); zero minutes are accounted for by the baseline's
 * duration. Running totals make a baseline O(1); expiring an hour subtracts it.
 */
final class HourlyHistory {
  private long[] hours = new long[4];
  private long[] sums = new long[4];
  private long[] squares = new long[4];
  private int head; // index of the oldest entry
  private int size;
  private long totalSum;
  private long totalSquares;

  /** Adds one minute's count; minutes arrive in increasing order. */
  void add(long minute, int count) {
    long hour = Math.floorDiv(minute, 60);
    long square = (long) count * count;
    if (size > 0) {
      int last = index(size - 1);
      if (hours[last] == hour) {
        sums[last] += count;
        squares[last] += square;
        totalSum += count;
        totalSquares += square;
        return;
      }
    }
    if (size == hours.length) {
      grow();
    }
    int slot = index(size);
    hours[slot] = hour;
    sums[slot] = count;
    squares[slot] = square;
    size++;
    totalSum += count;
    totalSquares += square;
  }

  /** Forgets hours that end before {@code cutoffMinute}. */
  void expireBefore(long cutoffMinute) {
    while (size > 0 && (hours[head] + 1) * 60 <= cutoffMinute) {
      totalSum -= sums[head];
      totalSquares -= squares[head];
      head = (head + 1) % hours.length;
      size--;
    }
    if (size == 0) {
      head = 0;
    }
  }

  long totalSum() {
    return totalSum;
  }

  long totalSquares() {
    return totalSquares;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Entries oldest first, as {@code [hour, sum, sumOfSquares]}. */
  List<long[]> entries() {
    List<long[]> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int slot = index(i);
      out.add(new long[] {hours[slot], sums[slot], squares[slot]});
    }
    return out;
  }

  void restore(long hour, long sum, long sumOfSquares) {
    if (size == hours.length) {
      grow();
    }
    int slot = index(size);
    hours[slot] = hour;
    sums[slot] = sum;
    squares[slot] = sumOfSquares;
    size++;
    totalSum += sum;
    totalSquares += sumOfSquares;
  }

  private int index(int i) {
    return (head + i) % hours.length;
  }

  private void grow() {
    int capacity = hours.length * 2;
    long[] h = new long[capacity], s = new long[capacity], q = new long[capacity];
    for (int i = 0; i < size; i++) {
      int slot = index(i);
      h[i] = hours[slot];
      s[i] = sums[slot];
      q[i] = squares[slot];
    }
    hours = h;
    sums = s;
    squares = q;
    head = 0;
  }
}
