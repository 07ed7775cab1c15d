package io.orgtrail.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One key's per-minute counts for one insight type: a ring of the last {@code recentWindow} minutes (late events
 * land in their own minute), older minutes folded into {@link HourlyHistory}, and the open insight if any.
 * Not thread-safe: the detector holds its lock around every call.
 */
final class MinuteSeries {
  final InsightKey key;
  final InsightType type;
  private final int size;
  long firstSeenMinute = Long.MAX_VALUE;
  /** The ring, or null while every minute in it is zero (most keys, most of the time). */
  private int[] ring;
  /** The oldest minute the ring holds; it holds {@code [ringStart, ringStart + size)}. */
  long ringStart = Long.MIN_VALUE;
  final HourlyHistory history = new HourlyHistory();
  /** New insights only start in windows beginning at or after the end of the previous one. */
  long lastEndMinute = Long.MIN_VALUE;
  OpenInsight open;
  /** Error codes per minute still in the ring (error series only). */
  private final Map<Long, Map<String, Integer>> codesByMinute = new HashMap<>();

  MinuteSeries(InsightKey key, InsightType type, int size) {
    this.key = key;
    this.type = type;
    this.size = size;
  }

  /** Moves the ring so that it ends at {@code nowMinute}, folding the minutes that leave it into the history. */
  void advance(long nowMinute, InsightsSettings settings) {
    long newStart = nowMinute - size + 1;
    if (ringStart == Long.MIN_VALUE || ring == null) {
      if (newStart > ringStart) {
        ringStart = newStart;
      }
      history.expireBefore(ringStart - settings.baselineMinutes());
      return;
    }
    if (newStart <= ringStart) {
      return;
    }
    if (open != null) {
      // Minutes about to leave must still be able to keep the insight open.
      markHot(new View(ringStart + size - 1), settings);
    }
    long end = Math.min(newStart, ringStart + size);
    for (long m = ringStart; m < end; m++) {
      int slot = slot(m);
      int count = ring[slot];
      if (count > 0) {
        history.add(m, count);
        ring[slot] = 0;
        if (open != null && m >= open.startMinute) {
          open.rolledCount += count;
          Map<String, Integer> codes = codesByMinute.get(m);
          if (codes != null) {
            codes.forEach((code, n) -> mergeBounded(open.rolledCodes, code, n, settings.maxAttributionValues()));
          }
        }
      }
      codesByMinute.remove(m);
    }
    ringStart = newStart;
    codesByMinute.keySet().removeIf(m -> m < newStart);
    history.expireBefore(ringStart - settings.baselineMinutes());
    if (isRingEmpty()) {
      ring = null;
    }
  }

  /** Counts one event in {@code minute}, which must be inside the ring (the caller advanced it). */
  void add(long minute, String errorCode, int maxCodes) {
    if (ring == null) {
      ring = new int[size];
    }
    ring[slot(minute)]++;
    firstSeenMinute = Math.min(firstSeenMinute, minute);
    if (type == InsightType.API_ERROR_RATE && errorCode != null) {
      Map<String, Integer> codes = codesByMinute.computeIfAbsent(minute, m -> new HashMap<>(4));
      if (codes.containsKey(errorCode) || codes.size() < maxCodes) {
        codes.merge(errorCode, 1, Integer::sum);
      }
    }
  }

  boolean holds(long minute) {
    return minute >= ringStart && minute < ringStart + size;
  }

  /** Nothing left to evaluate: no recent counts and no open insight. */
  boolean idle() {
    return ring == null && open == null;
  }

  /**
   * Applies the detection rule at {@code nowMinute} (the ring must already end there): returns the Start or End
   * event this minute produces, or null.
   */
  InsightEvent evaluate(long nowMinute, long warmUpEndMinute, InsightsSettings settings, Supplier<UUID> ids) {
    if (ring == null && open == null) {
      return null;
    }
    View view = new View(nowMinute);
    int n = settings.evaluationMinutes();
    if (open == null) {
      long from = Math.max(ringStart, Math.max(lastEndMinute, warmUpEndMinute));
      for (long s = from; s + n - 1 <= nowMinute; s++) {
        long e = s + n - 1;
        long count = view.sum(s, e);
        if (count <= n * settings.minimumCallsPerMinute()) {
          continue; // cannot exceed a threshold that is never below the minimum
        }
        Baseline baseline = view.baselineBefore(s, settings);
        double rate = (double) count / n;
        if (rate > baseline.threshold(settings)) {
          open = new OpenInsight(ids.get(), s, e, baseline, rate);
          return event(ids.get(), InsightState.START, s, rate, null, codes(s, e, settings), n, settings);
        }
      }
      return null;
    }
    markHot(view, settings);
    long quiet = nowMinute - 1 - open.lastHotMinute;
    if (quiet < settings.quietMinutesToEnd()) {
      return null;
    }
    long endMinute = open.lastHotMinute + 1;
    long duration = Math.max(1, endMinute - open.startMinute);
    long total = open.rolledCount + view.sum(Math.max(open.startMinute, ringStart), endMinute - 1);
    Map<String, Long> codes = new LinkedHashMap<>(open.rolledCodes);
    codes(Math.max(open.startMinute, ringStart), endMinute - 1, settings)
        .forEach((code, count) -> mergeBounded(codes, code, count, settings.maxAttributionValues()));
    InsightEvent end = event(ids.get(), InsightState.END, endMinute, (double) total / duration, duration, codes,
        duration, settings);
    lastEndMinute = endMinute;
    open = null;
    return end;
  }

  /** Extends the open insight to the last minute whose window is still above its threshold. */
  private void markHot(View view, InsightsSettings settings) {
    int n = settings.evaluationMinutes();
    for (long e = Math.max(open.lastHotMinute + 1, ringStart + n - 1); e <= view.lastMinute; e++) {
      long s = e - n + 1;
      double rate = (double) view.sum(s, e) / n;
      if (rate > view.baselineBefore(s, settings).threshold(settings)) {
        open.lastHotMinute = e;
      }
    }
  }

  private InsightEvent event(UUID eventId, InsightState state, long minute, double insightAverage, Long duration,
      Map<String, Long> codes, long codeMinutes, InsightsSettings settings) {
    List<Attribution> attributions = new ArrayList<>();
    String topCode = null;
    if (type == InsightType.API_ERROR_RATE && !codes.isEmpty()) {
      List<AttributionValue> values = codes.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
              .thenComparing(Map.Entry.comparingByKey()))
          .map(entry -> new AttributionValue(entry.getKey(), (double) entry.getValue() / codeMinutes))
          .toList();
      topCode = values.get(0).value();
      attributions.add(new Attribution("errorCode", values, List.of()));
    }
    return new InsightEvent(eventId, Instant.ofEpochSecond(minute * 60), key.region(), key.accountId(),
        open.sharedEventId, state, key.eventSource(), key.eventName(), type, topCode, open.baseline.average(),
        insightAverage, duration, open.baseline.minutes(), attributions);
  }

  private Map<String, Long> codes(long from, long to, InsightsSettings settings) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (long m = from; m <= to; m++) {
      Map<String, Integer> codes = codesByMinute.get(m);
      if (codes != null) {
        codes.forEach((code, n) -> mergeBounded(out, code, n, settings.maxAttributionValues()));
      }
    }
    return out;
  }

  private static void mergeBounded(Map<String, Long> into, String code, long count, int max) {
    if (into.containsKey(code) || into.size() < max) {
      into.merge(code, count, Long::sum);
    }
  }

  private int slot(long minute) {
    return (int) Math.floorMod(minute, (long) size);
  }

  private boolean isRingEmpty() {
    for (int count : ring) {
      if (count != 0) {
        return false;
      }
    }
    return true;
  }

  // --- snapshot support ---

  /** Non-zero minutes of the ring as {@code [minute, count]}. */
  List<long[]> recentCounts() {
    List<long[]> out = new ArrayList<>();
    if (ring != null) {
      for (long m = ringStart; m < ringStart + size; m++) {
        int count = ring[slot(m)];
        if (count > 0) {
          out.add(new long[] {m, count});
        }
      }
    }
    return out;
  }

  Map<Long, Map<String, Integer>> recentCodes() {
    return codesByMinute;
  }

  void restoreCount(long minute, int count) {
    if (ring == null) {
      ring = new int[size];
    }
    ring[slot(minute)] = count;
  }

  void restoreCodes(long minute, Map<String, Integer> codes) {
    codesByMinute.put(minute, new HashMap<>(codes));
  }

  /** Counts of the ring up to {@code lastMinute}, with prefix sums so that any baseline is O(1). */
  private final class View {
    final long lastMinute;
    private final long[] prefix;
    private final long[] prefixSquares;

    View(long lastMinute) {
      this.lastMinute = lastMinute;
      int length = (int) Math.max(0, Math.min(size, lastMinute - ringStart + 1));
      prefix = new long[length + 1];
      prefixSquares = new long[length + 1];
      for (int i = 0; i < length; i++) {
        long count = ring == null ? 0 : ring[slot(ringStart + i)];
        prefix[i + 1] = prefix[i] + count;
        prefixSquares[i + 1] = prefixSquares[i] + count * count;
      }
    }

    /** Events in minutes {@code [from, to]}, both inside the ring. */
    long sum(long from, long to) {
      if (to < from) {
        return 0;
      }
      return prefix[position(to + 1)] - prefix[position(from)];
    }

    /**
     * The baseline of a window starting at {@code start}: every minute of this key's history before it, back to
     * the baseline window or the key's first event, zero minutes included.
     */
    Baseline baselineBefore(long start, InsightsSettings settings) {
      long minutes = Math.min(settings.baselineMinutes(), start - firstSeenMinute);
      if (firstSeenMinute == Long.MAX_VALUE || minutes <= 0) {
        return Baseline.NONE;
      }
      int i = position(start);
      return Baseline.of(history.totalSum() + prefix[i], history.totalSquares() + prefixSquares[i], minutes);
    }

    /** How many of the viewed minutes come before {@code minute}. */
    private int position(long minute) {
      return (int) Math.max(0, Math.min(prefix.length - 1, minute - ringStart));
    }
  }
}
