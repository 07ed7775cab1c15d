package io.orgtrail.cli.aggregator;

import io.orgtrail.cli.config.StoreSettings;

/** The aggregator's YAML configuration file; every value may also be given as a flag, which wins. */
public record AggregatorSettings(
    String listen,
    String orgId,
    String prefix,
    String rollInterval,
    Long maxFileBytes,
    String dataDir,
    String stateDir,
    String registryDir,
    StoreSettings store) {
  static final AggregatorSettings EMPTY = new AggregatorSettings(null, null, null, null, null, null, null, null, null);
}
