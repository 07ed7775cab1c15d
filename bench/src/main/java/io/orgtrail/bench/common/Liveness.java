package io.orgtrail.bench.common;

/** The processes of a run, checked while the benchmark waits on them. */
@FunctionalInterface
public interface Liveness {
  /** Fails, naming the process and its log, when one of them has exited. */
  void requireAllAlive() throws BenchFailure;
}
