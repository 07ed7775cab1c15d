package io.orgtrail.bench.common;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --aggregator-setting KEY=VALUE} options of a benchmark as lines of the aggregator's YAML. Keys the
 * benchmark writes itself are refused: YAML with a key twice is an error, and the benchmark's own option for a
 * setting is the one its output reports.
 */
public final class AggregatorSettings {
  /** Where the aggregator listens, keeps its state and stores, and how often it reports: the benchmark's setup. */
  private static final Set<String> SETUP = Set.of("listen", "orgId", "dataDir", "registryDir", "statsLogInterval",
      "store");

  private AggregatorSettings() {}

  /**
   * @param options the settings the benchmark writes from its own options, each with that option's name
   * @throws IllegalArgumentException naming the first key the benchmark writes itself, and what to use instead
   */
  public static List<String> yamlLines(Map<String, String> settings, Map<String, String> options) {
    for (String given : settings.keySet()) {
      String key = given.strip();
      if (SETUP.contains(key)) {
        throw new IllegalArgumentException("--aggregator-setting " + key + ": the benchmark sets " + key
            + " itself, as part of its setup");
      }
      if (options.containsKey(key)) {
        throw new IllegalArgumentException("--aggregator-setting " + key + ": the benchmark sets " + key
            + " from its option " + options.get(key) + "; use " + options.get(key) + " instead");
      }
    }
    return settings.entrySet().stream().map(e -> e.getKey().strip() + ": " + e.getValue()).toList();
  }
}
