package io.orgtrail.insights;

import java.util.List;
import java.util.Map;

/**
 * The detector's state as saved by {@link InsightsDetector#save}: per series the non-zero recent minutes, the hourly
 * history and the open insight. Keys are listed least recently seen first, so a reload keeps the eviction order.
 */
record DetectorSnapshot(String format, int version, long detectorStartMinute, List<Series> series) {
  static final String FORMAT = "orgtrail-insights-state";
  static final int VERSION = 1;

  record Series(
      String accountId,
      String region,
      String eventSource,
      String eventName,
      String insightType,
      long firstSeenMinute,
      long ringStart,
      long lastEndMinute,
      List<long[]> recentMinutes,
      List<Code> recentCodes,
      List<long[]> hours,
      Open open) {}

  record Code(long minute, String code, int count) {}

  record Open(
      String sharedEventId,
      long startMinute,
      long lastHotMinute,
      double baselineAverage,
      double baselineStddev,
      long baselineMinutes,
      double startAverage,
      long rolledCount,
      Map<String, Long> rolledCodes) {}
}
