package io.orgtrail.bench.scale;

/** Nearest-rank percentiles of sorted values. */
final class NearestRank {
  private NearestRank() {}

  /**
   * The {@code p}th percentile (0 < p <= 100) of {@code sorted} (ascending): the smallest value with at least p% of
   * the values at or below it.
   */
  static long of(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values to take the " + p + "th percentile of");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile is above 0 and at most 100, got " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
