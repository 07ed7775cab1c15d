package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.process.ChildProcess;
import io.orgtrail.bench.process.ProcFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU seconds a log pipeline (orgtrail's or the rsyslog peer's) used so far: its agents summed and its aggregator;
 * and their threads, one map per process.
 */
record ClusterCpu(double agents, double aggregator, List<Map<Long, ProcFs.ThreadTicks>> agentThreads,
    Map<Long, ProcFs.ThreadTicks> aggregatorThreads) {

  /**
   * Process totals are read before the threads at the start and after them at the end, so a process's CPU over the
   * window is never less than its threads' (the split adds up to it; what no thread shows is "exited").
   */
  static ClusterCpu read(ProcFs proc, List<ChildProcess> agents, ChildProcess aggregator, boolean atStart) {
    double agentSeconds = 0;
    List<Map<Long, ProcFs.ThreadTicks>> agentThreads = new ArrayList<>();
    for (ChildProcess a : agents) {
      double before = atStart ? proc.cpuSeconds(a.pid()) : 0;
      agentThreads.add(proc.threads(a.pid()));
      agentSeconds += atStart ? before : proc.cpuSeconds(a.pid());
    }
    long pid = aggregator.pid();
    double aggregatorBefore = atStart ? proc.cpuSeconds(pid) : 0;
    Map<Long, ProcFs.ThreadTicks> aggregatorThreads = proc.threads(pid);
    double aggregatorSeconds = atStart ? aggregatorBefore : proc.cpuSeconds(pid);
    return new ClusterCpu(agentSeconds, aggregatorSeconds, agentThreads, aggregatorThreads);
  }
}
