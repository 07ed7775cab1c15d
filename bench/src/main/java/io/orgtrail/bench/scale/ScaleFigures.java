package io.orgtrail.bench.scale;

import io.orgtrail.bench.common.Percentiles;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of one scale run. Rates are over the measurement window; 1 MB = 10^6 bytes.
 *
 * @param windowSeconds the window's length
 * @param windowEvents events acknowledged DURABLE to the simulators during the window, all streams
 * @param windowBytes their record bytes (exact: the simulators made them)
 * @param latency acknowledgement latency of the batches acknowledged during the window, from sealing to ack
 * @param fairness how evenly the streams' acknowledged events were spread over the window
 * @param backlogEvents at a fixed rate: events made but not yet sent when the window ended (their streams' windows
 *     were full), all streams; a backlog means the aggregator did not keep up with the offered rate
 * @param streamsBehind streams with such a backlog
 * @param aggregator the aggregator's heap, memory and CPU
 * @param simulatorCores CPU the simulator processes used during the window, in cores (they compete with the
 *     aggregator for the machine)
 * @param correctness what the delivered files hold against what was acknowledged, and any errors
 */
record ScaleFigures(
    ScaleSpec spec,
    double windowSeconds,
    long windowEvents,
    long windowBytes,
    Latency latency,
    Fairness fairness,
    long backlogEvents,
    int streamsBehind,
    AggregatorFigures aggregator,
    double simulatorCores,
    Correctness correctness) {

  double eventsPerSecond() {
    return windowEvents / windowSeconds;
  }

  double megabytesPerSecond() {
    return windowBytes / windowSeconds / 1e6;
  }

  /** The latency target: ack p99 below the roll interval plus one second. */
  long latencyTargetMillis() {
    return spec.rollInterval().toMillis() + 1000;
  }

  /**
   * @param samples batches acknowledged during the window
   * @param p50Millis median; -1 without samples (so p99 and max)
   */
  record Latency(int samples, long p50Millis, long p99Millis, long maxMillis) {
    static Latency of(long[] millis) {
      if (millis.length == 0) {
        return new Latency(0, -1, -1, -1);
      }
      long[] sorted = millis.clone();
      Arrays.sort(sorted);
      return new Latency(sorted.length, Percentiles.ofSorted(sorted, 50), Percentiles.ofSorted(sorted, 99),
          sorted[sorted.length - 1]);
    }
  }

  /**
   * @param windowGc pauses during the window
   * @param runGc pauses from the aggregator's start to the window's end (start-up, warm-up, window)
   * @param live the heap by class at the window's end, under load (null when jcmd failed: see problems)
   * @param liveAfterFullGc whether {@code live} was taken right after a full collection (live objects only); the
   *     JVM skips that collection while the GC locker is held, and the histogram then includes garbage
   * @param peakRssBytes peak resident set (VmHWM) at the window's end
   * @param threads its threads at the window's end
   * @param cpuCores CPU used during the window, in cores
   * @param cpuSecondsPerMillion CPU seconds per million events acknowledged in the window
   * @param filesPerSecond log files the aggregator wrote per second during the window
   * @param maxPausedStreams the most streams its memory budget held back at once (from its stats lines)
   * @param maxBufferedBytes the most event bytes it held at once
   * @param pushbackMillis how long streams were held back during the window, in all (overlaps count once)
   * @param storeFailures failed store writes over the whole run (retried)
   * @param stateSaveFailures failed sequence state saves over the whole run (retried)
   */
  record AggregatorFigures(GcLog.Figures windowGc, GcLog.Figures runGc, ClassHistogram live,
      boolean liveAfterFullGc, long peakRssBytes, long threads,
      double cpuCores, double cpuSecondsPerMillion, double filesPerSecond, int maxPausedStreams,
      long maxBufferedBytes, long pushbackMillis, long storeFailures, long stateSaveFailures) {}

  /**
   * @param rejectedBatches batches answered REJECTED (must be 0)
   * @param rejectedEvents events refused on their own (must be 0)
   * @param unexpectedAcks answers for nothing in flight, or DUPLICATE (must be 0)
   * @param failedStreams streams that ended early (must be 0)
   * @param unanswered batches sent and never answered, after the drain (must be 0)
   * @param problems the first few problems streams reported, with their stream
   */
  record Correctness(DeliveredEvents.Reconciliation delivered, long rejectedBatches, long rejectedEvents,
      long unexpectedAcks, int failedStreams, long unanswered, List<String> problems) {
    Correctness {
      problems = List.copyOf(problems);
    }

    boolean ok() {
      return delivered.clean() && rejectedBatches == 0 && rejectedEvents == 0 && unexpectedAcks == 0
          && failedStreams == 0 && unanswered == 0;
    }
  }
}
