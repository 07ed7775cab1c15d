package io.orgtrail.cli.history;

import io.orgtrail.cli.aggregator.AggregatorSettings;
import io.orgtrail.cli.config.YamlFiles;
import java.nio.file.Path;

/** Where the aggregator of a configuration keeps its event history: the one rule the aggregator and the tools share. */
public final class HistoryLocation {
  private HistoryLocation() {}

  /** {@code eventHistoryDir}, or {@code <dataDir>/event-history} with the data directory the caller resolved. */
  public static Path of(AggregatorSettings file, Path dataDir) {
    return file.eventHistoryDir() != null ? Path.of(file.eventHistoryDir()) : dataDir.resolve("event-history");
  }

  /** The same for a tool: its {@code --history-dir} wins; the data directory is the configuration's. */
  static Path of(AggregatorSettings file, Path historyDirFlag, boolean flagGiven) {
    return flagGiven ? historyDirFlag : of(file, Path.of(YamlFiles.pick(file.dataDir(), "orgtrail-data")));
  }
}
