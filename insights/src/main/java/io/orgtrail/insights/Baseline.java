package io.orgtrail.insights;

/** Per-minute statistics of one key's history before a window: mean, standard deviation, minutes covered. */
record Baseline(double average, double stddev, long minutes) {
  static final Baseline NONE = new Baseline(0, 0, 0);

  static Baseline of(double sum, double sumOfSquares, long minutes) {
    if (minutes <= 0) {
      return NONE;
    }
    double average = sum / minutes;
    double variance = Math.max(0, sumOfSquares / minutes - average * average);
    return new Baseline(average, Math.sqrt(variance), minutes);
  }

  /** The rate (per minute) a window must exceed to be unusual; see {@link InsightsDetector}. */
  double threshold(InsightsSettings settings) {
    if (minutes < settings.minimumBaselineDuration().toMinutes() || minutes == 0) {
      return settings.minimumCallsPerMinute();
    }
    return Math.max(settings.minimumCallsPerMinute(),
        settings.baselineFactor() * average + settings.baselineSigmas() * stddev);
  }
}
