package io.orgtrail.bench.pipeline;

import io.orgtrail.bench.rsyslog.ForwardQueue;
import io.orgtrail.bench.rsyslog.Rsyslogd;
import java.util.List;

/**
 * What one rsyslog peer run starts: the same shape as orgtrail's (one agent instance per member account, one
 * aggregator), fed the same kind of records.
 *
 * @param rsyslogd the daemon, checked
 * @param agents agent instances, one member account each ({@link PipelineCluster#account})
 * @param linesPerSecondPerAgent each agent's input rate; infinite: as fast as it reads (saturation)
 * @param queue what backs each agent's forwarding queue
 * @param diskQueueBytes each agent's forwarding queue's disk bound when disk-assisted: orgtrail's spool bound
 * @param records per agent, the records its lines are made of (single-line JSON); one list serves every agent
 * @param maxLinesPerAgent each agent's input stops after this many lines (Long.MAX_VALUE: never)
 * @param feederLeadBytes how far each input writer may run ahead of its agent's reading
 */
record PeerSpec(Rsyslogd rsyslogd, int agents, double linesPerSecondPerAgent, ForwardQueue queue,
    long diskQueueBytes,
    List<List<byte[]>> records, long maxLinesPerAgent, long feederLeadBytes) {
  /** The input writers' default lead: a little ahead of the reader (the backlog belongs in rsyslog's queues). */
  static final long LEAD_BYTES = 16L * 1024 * 1024;

  /** Endless input with the default lead. */
  static PeerSpec endless(Rsyslogd rsyslogd, int agents, double linesPerSecondPerAgent, ForwardQueue queue,
      long diskQueueBytes, List<List<byte[]>> records) {
    return new PeerSpec(rsyslogd, agents, linesPerSecondPerAgent, queue, diskQueueBytes, records, Long.MAX_VALUE,
        LEAD_BYTES);
  }

  PeerSpec {
    records = List.copyOf(records);
    if (records.isEmpty() || (records.size() != 1 && records.size() != agents)) {
      throw new IllegalArgumentException("records for every agent (" + agents + ") or one list for all, not "
          + records.size());
    }
  }

  /** The records agent {@code i} is fed. */
  List<byte[]> recordsOf(int i) {
    return records.size() == 1 ? records.get(0) : records.get(i);
  }
}
