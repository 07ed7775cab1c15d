package io.orgtrail.cli.aggregator;

import io.orgtrail.aggregator.AggregatorConfig;
import io.orgtrail.cli.config.StoreSettings;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.format.layout.TrailName;

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
    StoreSettings store,
    TrailSettings trail,
    String digestPeriod,
    String digestKeyFile,
    String apiListen) {
  public static final AggregatorSettings EMPTY =
      new AggregatorSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);

  /**
   * The {@code trail:} section: what digest keys and the trail ARN carry.
   *
   * @param name default {@code orgtrail}
   * @param homeRegion default {@code us-east-1}
   * @param managementAccountId the organization's management account (default {@code 000000000000})
   */
  public record TrailSettings(String name, String homeRegion, String managementAccountId) {}

  /** The trail these settings name, each part overridden by its flag when given. */
  public TrailName trailName(String nameFlag, String homeRegionFlag, String managementAccountFlag) {
    TrailSettings t = trail == null ? new TrailSettings(null, null, null) : trail;
    TrailName d = AggregatorConfig.DEFAULT_TRAIL;
    return new TrailName(
        YamlFiles.pick(nameFlag, t.name(), d.name()),
        YamlFiles.pick(homeRegionFlag, t.homeRegion(), d.homeRegion()),
        YamlFiles.pick(managementAccountFlag, t.managementAccountId(), d.managementAccountId()));
  }
}
