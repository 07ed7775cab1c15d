package io.orgtrail.insights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An insight that has started and not yet ended, for one key and type. */
final class OpenInsight {
  final UUID sharedEventId;
  final long startMinute;
  final Baseline baseline;
  final double startAverage;
  long lastHotMinute;
  /** Counts of minutes at or after the start that have left the recent window while the insight was open. */
  long rolledCount;
  /** Error codes of those minutes (error insights only), at most maxAttributionValues distinct. */
  final Map<String, Long> rolledCodes = new LinkedHashMap<>();

  OpenInsight(UUID sharedEventId, long startMinute, long lastHotMinute, Baseline baseline, double startAverage) {
    this.sharedEventId = sharedEventId;
    this.startMinute = startMinute;
    this.lastHotMinute = lastHotMinute;
    this.baseline = baseline;
    this.startAverage = startAverage;
  }
}
