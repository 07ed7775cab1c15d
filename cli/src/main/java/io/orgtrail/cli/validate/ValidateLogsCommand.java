package io.orgtrail.cli.validate;

import io.orgtrail.aggregator.AggregatorConfig;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.aggregator.AggregatorSettings;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.StoreOptions;
import io.orgtrail.cli.config.StoreSettings;
import io.orgtrail.cli.config.Stores;
import io.orgtrail.cli.config.Times;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.PublicKeySet;
import io.orgtrail.format.digest.SigningKeyRing;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.integrity.ValidationPrinter;
import io.orgtrail.integrity.ValidationRequest;
import io.orgtrail.store.ObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "validate-logs",
    mixinStandardHelpOptions = true,
    description = {
      "Validates the trail's log files and digest files, as 'aws cloudtrail validate-logs' does, for every "
          + "account and region at once (or the ones named): each digest's signature, its place in its chain, "
          + "every log file's SHA-256; and beyond the AWS CLI: log files that no digest lists (added, copied or "
          + "moved), several digests missing in a row, and, given agents' witnesses, digests deleted from the tail.",
      "Reads the store, org id, prefix, trail and digest keys from the aggregator's --config; flags override it.",
      "Exit code 0 when everything is valid, 1 when anything is not (see the lines marked INVALID)."
    })
public final class ValidateLogsCommand implements Callable<Integer> {
  @Option(names = "--config", description = "The aggregator's YAML configuration file.")
  Path config;

  @Option(names = "--trail-arn", description = "The trail, e.g. arn:aws:cloudtrail:us-east-1:999999999999:trail/orgtrail. "
      + "Default: the trail of --config.")
  String trailArn;

  @Option(names = "--start-time", required = true, description = "Validate log files delivered on or after this UTC time, e.g. 2026-11-21T05:21:42Z.")
  String startTime;

  @Option(names = "--end-time", description = "... and on or before this one. Default now.")
  String endTime;

  @Option(names = "--account-id", split = ",", description = "Member account(s) to validate. Default every account found.")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--region", split = ",", description = "Region(s) to validate. Default every region found.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--s3-bucket", description = "The bucket digests name (for a local store: its name). Default the store's.")
  String bucket;

  @Option(names = "--s3-prefix", description = "The key prefix before AWSLogs/. Default the --config's prefix.")
  String prefix;

  @Option(names = "--org-id", description = "The organization id in keys. Default the --config's orgId.")
  String orgId;

  @Option(names = "--public-keys", description = "Public keys: an exported public-keys.json or saved output of "
      + "'aws cloudtrail list-public-keys'. Default the --config's digest key file.")
  Path publicKeys;

  @Option(names = "--witness", description = "A chain head file or directory of them (an agent's <state>/witness/); "
      + "repeat for several agents. Shows digests deleted from the end of a chain.")
  List<Path> witnesses = new ArrayList<>();

  @Mixin StoreOptions storeOptions;

  @Option(names = "--verbose", description = "Also print every valid digest and log file.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    AggregatorSettings file = YamlFiles.read(config, AggregatorSettings.class, AggregatorSettings.EMPTY);
    Path data = Path.of(YamlFiles.pick(file.dataDir(), "orgtrail-data"));
    Path stateDir = file.stateDir() == null ? data.resolve("state") : Path.of(file.stateDir());
    TrailName trail = trailArn != null ? TrailName.fromArn(trailArn) : file.trailName(null, null, null);
    String org = YamlFiles.pick(orgId, file.orgId());
    if (org == null) {
      throw new ConfigException("--org-id (or orgId in --config) is required, e.g. o-a1b2c3d4e5");
    }
    TrailLayout layout = new TrailLayout(YamlFiles.pick(prefix, file.prefix(), ""), org);
    List<PublicKeyInfo> keys = publicKeys != null
        ? PublicKeySet.read(publicKeys)
        : SigningKeyRing.load(file.digestKeyFile() != null
            ? Path.of(file.digestKeyFile())
            : stateDir.resolve(AggregatorConfig.DIGEST_KEY_FILE_NAME)).publicKeys();
    List<ChainHead> heads = PrintedValidation.witnesses(witnesses);
    Instant start = Times.parse(startTime, "--start-time");
    Instant end = endTime == null ? Instant.now() : Times.parse(endTime, "--end-time");
    if (start.isAfter(end)) {
      throw new ConfigException("--start-time " + start + " is after --end-time " + end);
    }
    StoreSettings storeSettings = storeOptions.over(file.store(), bucket);
    try (ObjectStore store = Stores.open(storeSettings, data.resolve("bucket"), System.getenv())) {
      ValidationPrinter printer = ValidationPrinter.builder()
          .verbose(verbose)
          .progress(System.console() != null)
          .build();
      boolean clean = PrintedValidation.run(store, layout, trail, keys, heads,
          new ValidationRequest(Set.copyOf(accounts), Set.copyOf(regions), start, end), printer);
      return clean ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
