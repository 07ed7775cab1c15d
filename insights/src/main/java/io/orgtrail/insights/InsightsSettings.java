package io.orgtrail.insights;

import java.time.Duration;

/**
 * Tuning of {@link InsightsDetector}; see its class comment for how each value enters the detection rule.
 *
 * @param baselineWindow how far back the baseline reaches (CloudTrail: at least 7 days)
 * @param recentWindow how far back per-minute counts are kept; events older than this when they arrive are dropped
 * @param evaluationMinutes N: the rate is the count over N consecutive minutes divided by N
 * @param quietMinutesToEnd M: complete minutes in a row under the threshold that end an insight
 * @param minimumCallsPerMinute the threshold never goes below this rate
 * @param baselineFactor multiplies the baseline average
 * @param baselineSigmas multiplies the baseline standard deviation
 * @param minimumBaselineDuration a key with less history than this has "no baseline": the minimum alone applies
 * @param warmUp after the detector first starts, windows starting earlier than this are never flagged
 * @param maxKeys at most this many keys are tracked; the least recently seen is dropped beyond it
 * @param maxAttributionValues at most this many distinct error codes are kept per minute and per insight
 */
public record InsightsSettings(
    Duration baselineWindow,
    Duration recentWindow,
    int evaluationMinutes,
    int quietMinutesToEnd,
    double minimumCallsPerMinute,
    double baselineFactor,
    double baselineSigmas,
    Duration minimumBaselineDuration,
    Duration warmUp,
    int maxKeys,
    int maxAttributionValues) {

  public InsightsSettings {
    requireWholeMinutes("baselineWindow", baselineWindow, 60);
    requireWholeMinutes("recentWindow", recentWindow, 2);
    requireWholeMinutes("minimumBaselineDuration", minimumBaselineDuration, 0);
    requireWholeMinutes("warmUp", warmUp, 0);
    long recent = recentWindow.toMinutes();
    if (recent > 24 * 60) {
      throw new IllegalArgumentException("recentWindow " + recentWindow + " is above 24 hours; per-minute counts"
          + " are kept for this long per key, keep it short (default 60 minutes)");
    }
    if (baselineWindow.toMinutes() <= recent) {
      throw new IllegalArgumentException("baselineWindow " + baselineWindow + " must be longer than recentWindow "
          + recentWindow);
    }
    if (evaluationMinutes < 1 || evaluationMinutes >= recent) {
      throw new IllegalArgumentException("evaluationMinutes " + evaluationMinutes
          + " must be at least 1 and below the recentWindow in minutes (" + recent + ")");
    }
    if (quietMinutesToEnd < 1 || quietMinutesToEnd >= recent) {
      throw new IllegalArgumentException("quietMinutesToEnd " + quietMinutesToEnd
          + " must be at least 1 and below the recentWindow in minutes (" + recent + ")");
    }
    if (!(minimumCallsPerMinute > 0) || !Double.isFinite(minimumCallsPerMinute)) {
      throw new IllegalArgumentException("minimumCallsPerMinute must be a positive number, got " + minimumCallsPerMinute);
    }
    if (!(baselineFactor >= 1) || !Double.isFinite(baselineFactor)) {
      throw new IllegalArgumentException("baselineFactor must be at least 1, got " + baselineFactor);
    }
    if (!(baselineSigmas >= 0) || !Double.isFinite(baselineSigmas)) {
      throw new IllegalArgumentException("baselineSigmas must be zero or more, got " + baselineSigmas);
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
    }
    if (maxAttributionValues < 1) {
      throw new IllegalArgumentException("maxAttributionValues must be at least 1, got " + maxAttributionValues);
    }
  }

  public static InsightsSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  long baselineMinutes() {
    return baselineWindow.toMinutes();
  }

  int recentMinutes() {
    return (int) recentWindow.toMinutes();
  }

  private static void requireWholeMinutes(String name, Duration value, long minMinutes) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.isNegative() || value.toSeconds() % 60 != 0 || value.getNano() != 0) {
      throw new IllegalArgumentException(name + " " + value + " must be a whole, non-negative number of minutes");
    }
    if (value.toMinutes() < minMinutes) {
      throw new IllegalArgumentException(name + " " + value + " must be at least " + minMinutes + " minutes");
    }
  }

  public static final class Builder {
    private Duration baselineWindow = Duration.ofDays(7);
    private Duration recentWindow = Duration.ofMinutes(60);
    private int evaluationMinutes = 1;
    private int quietMinutesToEnd = 5;
    private double minimumCallsPerMinute = 20;
    private double baselineFactor = 3;
    private double baselineSigmas = 3;
    private Duration minimumBaselineDuration = Duration.ofMinutes(60);
    private Duration warmUp = Duration.ofMinutes(60);
    private int maxKeys = 100_000;
    private int maxAttributionValues = 5;

    private Builder() {}

    public Builder baselineWindow(Duration value) {
      this.baselineWindow = value;
      return this;
    }

    public Builder recentWindow(Duration value) {
      this.recentWindow = value;
      return this;
    }

    public Builder evaluationMinutes(int value) {
      this.evaluationMinutes = value;
      return this;
    }

    public Builder quietMinutesToEnd(int value) {
      this.quietMinutesToEnd = value;
      return this;
    }

    public Builder minimumCallsPerMinute(double value) {
      this.minimumCallsPerMinute = value;
      return this;
    }

    public Builder baselineFactor(double value) {
      this.baselineFactor = value;
      return this;
    }

    public Builder baselineSigmas(double value) {
      this.baselineSigmas = value;
      return this;
    }

    public Builder minimumBaselineDuration(Duration value) {
      this.minimumBaselineDuration = value;
      return this;
    }

    public Builder warmUp(Duration value) {
      this.warmUp = value;
      return this;
    }

    public Builder maxKeys(int value) {
      this.maxKeys = value;
      return this;
    }

    public Builder maxAttributionValues(int value) {
      this.maxAttributionValues = value;
      return this;
    }

    public InsightsSettings build() {
      return new InsightsSettings(baselineWindow, recentWindow, evaluationMinutes, quietMinutesToEnd,
          minimumCallsPerMinute, baselineFactor, baselineSigmas, minimumBaselineDuration, warmUp, maxKeys,
          maxAttributionValues);
    }
  }
}
