package io.orgtrail.cli.agent;

import java.util.List;

/** The agent's YAML configuration file; every value may also be given as a flag, which wins. */
public record AgentSettings(
    String keyFile,
    String aggregator,
    String stateDir,
    Sources sources,
    Batch batch,
    String maxInFlightBytes) {

  static final AgentSettings EMPTY = new AgentSettings(null, null, null, null, null, null);

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
