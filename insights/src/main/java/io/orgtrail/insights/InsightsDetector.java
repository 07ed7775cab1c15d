package io.orgtrail.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudTrail Insights for delivered events: feed every record to {@link #observe}, call {@link #tick} about once a
 * minute, and write the {@link InsightEvent}s it returns under {@code CloudTrail-Insight/}.
 *
 * <h2>What is measured</h2>
 * Per key (account, region, eventSource, eventName), management events only, bucketed by their eventTime minute:
 * <ul>
 *   <li>ApiCallRateInsight: write calls ({@code readOnly:false}) per minute;
 *   <li>ApiErrorRateInsight: calls with a non-empty errorCode per minute, reads and writes alike.
 * </ul>
 * Events may arrive late and in any order: each lands in its own minute as long as that minute is within the recent
 * window (default 60 minutes before the clock); older ones are dropped and counted ({@link Observation#TOO_LATE}).
 * Event times ahead of the clock count in the current minute.
 *
 * <h2>Baseline</h2>
 * A windowed average over the baseline window (default 7 days) before the window being judged: the mean and
 * standard deviation of the per-minute counts, zero minutes included, from the key's first counted event (or the
 * start of the baseline window, whichever is later) up to the judged window. Memory per key and type: per-minute
 * counts for the recent window (an int per minute, only while some minute is non-zero) and, beyond it, per hour the
 * sum of minute counts and the sum of their squares (only hours with events), which is exact for mean and standard
 * deviation; the far edge of the window moves by whole hours. The baseline includes earlier insights, so a new
 * sustained level becomes normal after a while, as with CloudTrail.
 *
 * <h2>Detection rule</h2>
 * With rate = events in N consecutive minutes / N (N = {@code evaluationMinutes}, default 1), and
 * threshold = max(minimumCallsPerMinute, baselineFactor * average + baselineSigmas * stddev) (defaults 20, 3, 3),
 * or minimumCallsPerMinute alone when the key has less than {@code minimumBaselineDuration} (default 60 minutes)
 * of history ("no baseline yet": a new API in the account):
 * <ul>
 *   <li>an insight STARTS at the first N-minute window (in the recent window, starting after the previous
 *       insight of the key ended and after the warm-up) whose rate exceeds the threshold computed from the baseline
 *       before that window. The Start event's time is the window's first minute.
 *   <li>it ENDS once M complete minutes in a row (M = {@code quietMinutesToEnd}, default 5) have a rate at or
 *       under their threshold; the End event's time is the first of those quiet minutes, insightDuration the
 *       minutes from start to end.
 *   <li>during the first {@code warmUp} (default 60 minutes) after the detector first started (kept across
 *       restarts by {@link #save}/{@link #load}) nothing starts: every key would otherwise look new.
 * </ul>
 * A minute judged quiet can still receive late events; if they make it unusual, a new insight starts.
 *
 * <h2>Bounds</h2>
 * At most {@code maxKeys} keys (default 100,000); beyond, the least recently seen key is dropped with its history
 * and open insight (counted in {@link InsightsStats#keysEvicted()}).
 *
 * <p>Thread-safe: observe may be called from many threads; one lock guards the state, parsing happens outside it.
 */
public final class InsightsDetector {
  private static final Logger log = LoggerFactory.getLogger(InsightsDetector.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Clock clock;
  private final InsightsSettings settings;
  private final RandomGenerator random;
  private final CallScanner scanner = new CallScanner();
  private final Object lock = new Object();
  private final LinkedHashMap<InsightKey, KeyState> keys;
  private final Set<MinuteSeries> active = new LinkedHashSet<>();
  private long detectorStartMinute;
  private long counted, notMeasured, notManagement, tooLate, malformed, futureClamped, keysEvicted;
  private long insightsStarted, insightsEnded;

  private InsightsDetector(Builder builder) {
    this.clock = builder.clock;
    this.settings = builder.settings;
    this.random = builder.random != null ? builder.random : new SecureRandom();
    this.detectorStartMinute = minuteOf(clock.instant());
    this.keys = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InsightKey, KeyState> eldest) {
        if (size() <= settings.maxKeys()) {
          return false;
        }
        eldest.getValue().forEach(active::remove);
        keysEvicted++;
        return true;
      }
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  public InsightsSettings settings() {
    return settings;
  }

  /** Counts one delivered record (its exact JSON bytes). Never throws for bad input: it says what it did. */
  public Observation observe(byte[] record) {
    MeasuredCall call = scanner.scan(record);
    synchronized (lock) {
      if (call == null) {
        malformed++;
        return Observation.MALFORMED;
      }
      if (!call.management()) {
        notManagement++;
        return Observation.NOT_MANAGEMENT;
      }
      if (!call.write() && call.errorCode() == null) {
        notMeasured++;
        return Observation.NOT_MEASURED;
      }
      long nowMinute = minuteOf(clock.instant());
      long minute = minuteOf(call.eventTime());
      if (minute > nowMinute) {
        futureClamped++;
        minute = nowMinute;
      }
      if (minute <= nowMinute - settings.recentMinutes()) {
        tooLate++;
        return Observation.TOO_LATE;
      }
      KeyState state = keys.get(call.key());
      if (state == null) {
        state = new KeyState();
        keys.put(call.key(), state);
      }
      boolean added = false;
      if (call.write()) {
        added = count(state.calls(call.key(), settings), nowMinute, minute, null);
      }
      if (call.errorCode() != null) {
        added |= count(state.errors(call.key(), settings), nowMinute, minute, call.errorCode());
      }
      if (!added) {
        tooLate++;
        return Observation.TOO_LATE;
      }
      counted++;
      return Observation.COUNTED;
    }
  }

  /** False when the series already moved past {@code minute} (a tick ran with a later time than the clock). */
  private boolean count(MinuteSeries series, long nowMinute, long minute, String errorCode) {
    series.advance(nowMinute, settings);
    if (!series.holds(minute)) {
      return false;
    }
    series.add(minute, errorCode, settings.maxAttributionValues());
    active.add(series);
    return true;
  }

  /**
   * Moves time to {@code now} and returns the Insights events that start or end (Start before End for the same
   * key never happens in one call). Call about once a minute; a longer gap is fine as long as it stays well under
   * the recent window.
   */
  public List<InsightEvent> tick(Instant now) {
    long nowMinute = minuteOf(now);
    long warmUpEnd = detectorStartMinute + settings.warmUp().toMinutes();
    List<InsightEvent> events = new ArrayList<>();
    synchronized (lock) {
      for (var it = active.iterator(); it.hasNext(); ) {
        MinuteSeries series = it.next();
        series.advance(nowMinute, settings);
        InsightEvent event = series.evaluate(nowMinute, warmUpEnd, settings, this::randomUuid);
        if (event != null) {
          events.add(event);
          if (event.state() == InsightState.START) {
            insightsStarted++;
            log.info("insight started: {} {} {}/{} in {} at {} ({} per minute, baseline {})",
                event.insightType().wireName(), event.recipientAccountId(), event.eventSource(), event.eventName(),
                event.awsRegion(), event.eventTime(), event.insightAverage(), event.baselineAverage());
          } else {
            insightsEnded++;
            log.info("insight ended: {} {} {}/{} in {} at {} after {} minutes",
                event.insightType().wireName(), event.recipientAccountId(), event.eventSource(), event.eventName(),
                event.awsRegion(), event.eventTime(), event.insightDurationMinutes());
          }
        }
        if (series.idle()) {
          it.remove();
        }
      }
    }
    return events;
  }

  public InsightsStats stats() {
    synchronized (lock) {
      int open = 0;
      for (MinuteSeries series : active) {
        if (series.open != null) {
          open++;
        }
      }
      return new InsightsStats(counted, notMeasured, notManagement, tooLate, malformed, futureClamped, keysEvicted,
          insightsStarted, insightsEnded, keys.size(), open);
    }
  }

  /** Writes the state (baselines, recent minutes, open insights) atomically to {@code file}. */
  public void save(Path file) throws IOException {
    DetectorSnapshot snapshot;
    synchronized (lock) {
      List<DetectorSnapshot.Series> series = new ArrayList<>();
      for (KeyState state : keys.values()) {
        state.forEach(s -> series.add(SnapshotCodec.toSnapshot(s)));
      }
      snapshot = new DetectorSnapshot(DetectorSnapshot.FORMAT, DetectorSnapshot.VERSION, detectorStartMinute, series);
    }
    AtomicFiles.write(file, MAPPER.writeValueAsBytes(snapshot));
  }

  /**
   * Replaces the state with the one saved in {@code file}. A missing file leaves the state as it is (first start);
   * an unreadable or corrupt one too, with a WARN naming the file. Returns whether a state was loaded.
   */
  public boolean load(Path file) {
    DetectorSnapshot snapshot;
    try {
      snapshot = MAPPER.readValue(Files.readAllBytes(file), DetectorSnapshot.class);
      if (!DetectorSnapshot.FORMAT.equals(snapshot.format()) || snapshot.version() != DetectorSnapshot.VERSION
          || snapshot.series() == null) {
        throw new IOException("not an insights state file of version " + DetectorSnapshot.VERSION
            + " (format " + snapshot.format() + ", version " + snapshot.version() + ")");
      }
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      log.warn("insights state file {} is unreadable or corrupt ({}); it is ignored and the detector keeps its"
          + " current state (at startup: empty baselines, no open insights). Delete or fix the file to silence this"
          + " warning", file, firstLine(e.getMessage()));
      return false;
    }
    synchronized (lock) {
      keys.clear();
      active.clear();
      try {
        for (DetectorSnapshot.Series s : snapshot.series()) {
          MinuteSeries series = SnapshotCodec.fromSnapshot(s, settings);
          KeyState state = keys.computeIfAbsent(series.key, k -> new KeyState());
          state.put(series);
          if (!series.idle()) {
            active.add(series);
          }
        }
      } catch (RuntimeException e) {
        keys.clear();
        active.clear();
        log.warn("insights state file {} is corrupt ({}); starting with empty baselines and no open insights."
            + " Delete or fix the file to silence this warning", file, firstLine(e.getMessage()));
        return false;
      }
      detectorStartMinute = snapshot.detectorStartMinute();
    }
    return true;
  }

  private UUID randomUuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static long minuteOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), 60);
  }

  /** The two series of one key, each created on its first event. */
  static final class KeyState {
    private MinuteSeries calls;
    private MinuteSeries errors;

    MinuteSeries calls(InsightKey key, InsightsSettings settings) {
      if (calls == null) {
        calls = new MinuteSeries(key, InsightType.API_CALL_RATE, settings.recentMinutes());
      }
      return calls;
    }

    MinuteSeries errors(InsightKey key, InsightsSettings settings) {
      if (errors == null) {
        errors = new MinuteSeries(key, InsightType.API_ERROR_RATE, settings.recentMinutes());
      }
      return errors;
    }

    void put(MinuteSeries series) {
      if (series.type == InsightType.API_CALL_RATE) {
        calls = series;
      } else {
        errors = series;
      }
    }

    void forEach(java.util.function.Consumer<MinuteSeries> action) {
      if (calls != null) {
        action.accept(calls);
      }
      if (errors != null) {
        action.accept(errors);
      }
    }
  }

  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private InsightsSettings settings = InsightsSettings.defaults();
    private RandomGenerator random;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder settings(InsightsSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Source of the eventID and sharedEventID UUIDs (default SecureRandom). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public InsightsDetector build() {
      return new InsightsDetector(this);
    }
  }
}
