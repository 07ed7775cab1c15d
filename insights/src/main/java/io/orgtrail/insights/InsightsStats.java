package io.orgtrail.insights;

/** Counters since the detector was built (not persisted), and the current sizes. */
public record InsightsStats(
    long counted,
    long notMeasured,
    long notManagement,
    long tooLate,
    long malformed,
    long futureClamped,
    long keysEvicted,
    long insightsStarted,
    long insightsEnded,
    int keys,
    int openInsights) {}
