package io.orgtrail.cli.agent;

import java.util.List;

/**
 * The agent's YAML configuration file; every value may also be given as a flag, which wins.
 *
 * <p>{@code statsLogInterval}: how often the delivery state (accepted, acknowledged, spool, ack latency) is logged at
 * INFO, e.g. {@code 10s}; {@code 0s} turns it off. Default 1m.
 *
 * <p>{@code metricsListen}: {@code host:port} serving {@code GET /metrics} (Prometheus), {@code /healthz} and
 * {@code /readyz} (ready: connected to the aggregator and the spool not full). Default: no endpoint.
 */
public record AgentSettings(
    String keyFile,
    String aggregator,
    String stateDir,
    Sources sources,
    Batch batch,
    String maxInFlightBytes,
    Spool spool,
    String statsLogInterval,
    String metricsListen) {

  static final AgentSettings EMPTY = new AgentSettings(null, null, null, null, null, null, null, null, null);

  /**
   * The disk spool every accepted event is written to before its source is told.
   *
   * @param maxBytes its size bound in bytes (default 1 GiB): when full, sources are refused (503) or paused
   * @param fsync {@code batch} (default: fsync before every source acknowledgement) or an interval such as
   *     {@code 100ms} (group commit: sources wait for the fsync that covers their events)
   */
  public record Spool(Long maxBytes, String fsync) {
    static final Spool EMPTY = new Spool(null, null);
  }

  /** Where events come from; any combination. */
  public record Sources(String directory, String http, Generator generator, String pollInterval) {
    static final Sources EMPTY = new Sources(null, null, null, null);
  }

  /** Generated events, for demos and load. {@code count} 0 = unbounded. */
  public record Generator(Double rate, Long count, List<String> regions) {}

  /** When a batch closes. */
  public record Batch(Integer maxEvents, Integer maxBytes, String maxDelay) {
    static final Batch EMPTY = new Batch(null, null, null);
  }
}
