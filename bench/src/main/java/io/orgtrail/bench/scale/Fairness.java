package io.orgtrail.bench.scale;

import io.orgtrail.bench.common.Percentiles;
import java.util.Arrays;

/**
 * How evenly the aggregator served the streams over the window, from each stream's acknowledged events. Every
 * stream offered the same load, so a fair aggregator gives each the same share.
 *
 * @param fairShare the mean: total / streams
 * @param min the slowest stream's events
 * @param median the middle stream's (nearest rank)
 * @param max the fastest stream's
 * @param minShare min / fairShare
 * @param maxShare max / fairShare
 * @param slowestToFastest min / max (1 = perfectly even)
 * @param jainIndex Jain's fairness index (sum x)^2 / (n sum x^2): 1 when all are equal, 1/n when one stream gets
 *     everything
 * @param starved streams with no event acknowledged during the window
 */
record Fairness(int streams, long total, double fairShare, long min, long median, long max, double minShare,
    double maxShare, double slowestToFastest, double jainIndex, int starved) {

  static Fairness of(long[] ackedPerStream) {
    int n = ackedPerStream.length;
    if (n == 0) {
      throw new IllegalArgumentException("fairness needs at least one stream");
    }
    long[] sorted = ackedPerStream.clone();
    Arrays.sort(sorted);
    if (sorted[0] < 0) {
      throw new IllegalArgumentException("a stream cannot have acknowledged " + sorted[0] + " events");
    }
    long total = 0;
    double squares = 0;
    int starved = 0;
    for (long x : sorted) {
      total += x;
      squares += (double) x * x;
      starved += x == 0 ? 1 : 0;
    }
    long min = sorted[0];
    long max = sorted[n - 1];
    double fair = (double) total / n;
    return new Fairness(n, total, fair, min, Percentiles.ofSorted(sorted, 50), max,
        total == 0 ? Double.NaN : min / fair, total == 0 ? Double.NaN : max / fair,
        max == 0 ? Double.NaN : (double) min / max,
        total == 0 ? Double.NaN : (double) total * total / (n * squares), starved);
  }
}
