package io.orgtrail.cli.history;

import io.orgtrail.cli.aggregator.AggregatorSettings;
import io.orgtrail.cli.config.YamlFiles;
import java.nio.file.Path;

/** Where the aggregator of a configuration keeps its event history, as {@code orgtrail aggregator} decides it. */
final class HistoryLocation {
  private HistoryLocation() {}

  static Path of(AggregatorSettings file, Path historyDirFlag) {
    if (historyDirFlag != null) {
      return historyDirFlag;
    }
    if (file.eventHistoryDir() != null) {
      return Path.of(file.eventHistoryDir());
    }
    return Path.of(YamlFiles.pick(file.dataDir(), "orgtrail-data")).resolve("event-history");
  }
}
