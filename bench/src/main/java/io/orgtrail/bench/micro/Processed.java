package io.orgtrail.bench.micro;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the benchmark operations went through, which JMH reports next to ops/s as rates: the rows
 * {@code <benchmark>:events} (events/s) and {@code <benchmark>:megabytes} (MB/s, 1 MB = 10^6 bytes). JMH prints
 * both in the benchmark's unit ("ops/s"); read them as events/s and MB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Processed {
  /** Events processed in this iteration. */
  public long events;
  /** Megabytes (10^6 bytes) of input processed in this iteration. */
  public double megabytes;

  @Setup(Level.Iteration)
  public void reset() {
    events = 0;
    megabytes = 0;
  }

  void add(int eventCount, long bytes) {
    events += eventCount;
    megabytes += bytes / 1e6;
  }
}
