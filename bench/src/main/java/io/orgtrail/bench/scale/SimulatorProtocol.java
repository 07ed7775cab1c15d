package io.orgtrail.bench.scale;

/**
 * How the scale run talks to its simulator processes: commands as lines on the simulator's stdin, status as lines
 * on its stdout (everything else it prints, gRPC's own logging for one, goes to its log unparsed).
 */
final class SimulatorProtocol {
  /** Stdout, once every stream is open: {@code SCALE-READY streams=<n>}. */
  static final String READY = "SCALE-READY";
  /** Stdout, every second: {@link SimulatorStatus#line()}. */
  static final String STATS = "SCALE-STATS";
  /** Stdout, after {@link #STOP}, once the result file is written: {@code SCALE-DONE <file>}. */
  static final String DONE = "SCALE-DONE";

  /** Stdin: the measurement window starts now (acknowledgements and latencies are counted from here). */
  static final String WINDOW_START = "window-start";
  /** Stdin: the window ends now. */
  static final String WINDOW_END = "window-end";
  /** Stdin: make no new events, wait for every sent batch's acknowledgement, write the result file, exit. */
  static final String STOP = "stop";

  /** Exit code of a simulator whose stdin closed before {@link #STOP}: the scale run is gone, so is its load. */
  static final int ORPHANED = 3;

  private SimulatorProtocol() {}
}
