package io.orgtrail.bench.common;

import java.util.Arrays;

/** Nearest-rank percentiles and medians. */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The {@code p}th percentile (0 < p <= 100) of {@code values} by nearest rank: the smallest value with at least
   * p% of the values at or below it. {@code values} need not be sorted; it is not changed.
   */
  public static long of(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, p);
  }

  /** As {@link #of}, of values already sorted ascending: no copy, for large sample sets. */
  public static long ofSorted(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values to take the " + p + "th percentile of");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile is above 0 and at most 100, got " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The median: the middle value, or the mean of the two middle ones; NaN values are left out (NaN if all are). */
  public static double median(double... values) {
    double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (known.length == 0) {
      return Double.NaN;
    }
    int mid = known.length / 2;
    return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
  }
}
