package io.orgtrail.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts a {@link MinuteSeries} to and from its snapshot form. */
final class SnapshotCodec {
  private SnapshotCodec() {}

  static DetectorSnapshot.Series toSnapshot(MinuteSeries s) {
    List<DetectorSnapshot.Code> codes = new ArrayList<>();
    for (Map.Entry<Long, Map<String, Integer>> minute : s.recentCodes().entrySet()) {
      minute.getValue().forEach((code, count) -> codes.add(new DetectorSnapshot.Code(minute.getKey(), code, count)));
    }
    DetectorSnapshot.Open open = null;
    if (s.open != null) {
      OpenInsight o = s.open;
      open = new DetectorSnapshot.Open(o.sharedEventId.toString(), o.startMinute, o.lastHotMinute,
          o.baseline.average(), o.baseline.stddev(), o.baseline.minutes(), o.startAverage, o.rolledCount,
          Map.copyOf(o.rolledCodes));
    }
    return new DetectorSnapshot.Series(s.key.accountId(), s.key.region(), s.key.eventSource(), s.key.eventName(),
        s.type.wireName(), s.firstSeenMinute, s.ringStart, s.lastEndMinute, s.recentCounts(), codes,
        s.history.entries(), open);
  }

  /** @throws RuntimeException (IllegalArgumentException, NullPointerException) when the snapshot is inconsistent */
  static MinuteSeries fromSnapshot(DetectorSnapshot.Series s, InsightsSettings settings) {
    InsightKey key = new InsightKey(s.accountId(), s.region(), s.eventSource(), s.eventName());
    MinuteSeries series =
        new MinuteSeries(key, InsightType.fromWireName(s.insightType()), settings.recentMinutes());
    series.firstSeenMinute = s.firstSeenMinute();
    series.ringStart = s.ringStart();
    series.lastEndMinute = s.lastEndMinute();
    long previousHour = Long.MIN_VALUE;
    for (long[] hour : s.hours()) {
      if (hour.length != 3 || hour[0] <= previousHour || hour[1] < 0 || hour[2] < 0) {
        throw new IllegalArgumentException("hourly history of " + key + " is not [hour, sum, squares] in order");
      }
      previousHour = hour[0];
      series.history.restore(hour[0], hour[1], hour[2]);
    }
    for (long[] minute : s.recentMinutes()) {
      if (minute.length != 2 || !series.holds(minute[0]) || minute[1] <= 0 || minute[1] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("recent minute counts of " + key + " are not [minute, count] within"
            + " the recent window (was the recentWindow setting changed? then start without the state file)");
      }
      series.restoreCount(minute[0], (int) minute[1]);
    }
    Map<Long, Map<String, Integer>> codes = new java.util.HashMap<>();
    for (DetectorSnapshot.Code code : s.recentCodes()) {
      codes.computeIfAbsent(code.minute(), m -> new java.util.HashMap<>()).put(code.code(), code.count());
    }
    codes.forEach(series::restoreCodes);
    DetectorSnapshot.Open o = s.open();
    if (o != null) {
      OpenInsight open = new OpenInsight(UUID.fromString(o.sharedEventId()), o.startMinute(), o.lastHotMinute(),
          new Baseline(o.baselineAverage(), o.baselineStddev(), o.baselineMinutes()), o.startAverage());
      open.rolledCount = o.rolledCount();
      if (o.rolledCodes() != null) {
        open.rolledCodes.putAll(o.rolledCodes());
      }
      series.open = open;
    }
    return series;
  }
}
