package io.orgtrail.bench.pipeline;

import java.time.Instant;

/**
 * The measurement window, on both clocks: {@link System#nanoTime()} for rates (stats samples carry it) and wall time
 * for what the store says (file modification times).
 */
record MeasurementWindow(long startNanos, long endNanos, Instant start, Instant end) {
  double seconds() {
    return (endNanos - startNanos) / 1e9;
  }
}
