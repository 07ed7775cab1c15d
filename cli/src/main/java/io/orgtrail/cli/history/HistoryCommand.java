package io.orgtrail.cli.history;

import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.aggregator.AggregatorSettings;
import io.orgtrail.cli.config.StoreOptions;
import io.orgtrail.cli.config.Stores;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.history.EventHistory;
import io.orgtrail.history.RebuildReport;
import io.orgtrail.store.ObjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "The event history (LookupEvents' index).",
    subcommands = {HistoryCommand.Rebuild.class})
public final class HistoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "rebuild",
      mixinStandardHelpOptions = true,
      description = {
        "Indexes every log file in the trail's bucket that the event history does not hold yet: after enabling "
            + "eventHistory on a trail with logs, after losing the index, or after files were delivered while the "
            + "history could not keep up. Files already indexed are skipped; an unreadable file is reported and "
            + "skipped. Safe while the aggregator runs.",
        "Exit codes: 0 rebuilt (each unreadable file listed), 1 the store or the history cannot be used, 2 bad usage."
      })
  public static final class Rebuild implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "The aggregator's YAML configuration file.")
    Path config;

    @Option(names = "--history-dir", description = "The event history directory. Default: the one of --config.")
    Path historyDir;

    @Mixin StoreOptions storeOptions;

    @Override
    public Integer call() throws Exception {
      AggregatorSettings file = YamlFiles.read(config, AggregatorSettings.class, AggregatorSettings.EMPTY);
      Path data = Path.of(YamlFiles.pick(file.dataDir(), "orgtrail-data"));
      PrintWriter err = spec.commandLine().getErr();
      try (ObjectStore store = Stores.open(storeOptions.over(file.store(), null), data.resolve("bucket"),
              System.getenv());
          EventHistory history = EventHistory.open(HistoryLocation.of(file, historyDir, historyDir != null), Clock.systemUTC())) {
        String prefix = new TrailLayout(YamlFiles.pick(file.prefix(), ""), null).prefix() + "AWSLogs/";
        RebuildReport report = history.rebuild(store, prefix, line -> err.println("history rebuild: " + line));
        spec.commandLine().getOut().printf("log files seen %d, indexed %d, already indexed %d, events added %d, "
                + "unreadable %d%n", report.logFilesSeen(), report.indexed(), report.alreadyIndexed(),
            report.eventsAdded(), report.failures().size());
        report.failures().forEach(f -> spec.commandLine().getOut().println("unreadable: " + f.objectKey() + ": "
            + f.reason()));
      }
      return ExitCodes.OK;
    }
  }
}
