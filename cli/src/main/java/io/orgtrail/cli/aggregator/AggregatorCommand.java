package io.orgtrail.cli.aggregator;

import io.orgtrail.cloudtrailapi.auth.ApiCredentials;
import io.orgtrail.cloudtrailapi.auth.ApiKeysFile;
import io.orgtrail.aggregator.afterdelivery.Notifications;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.cli.history.HistoryLocation;
import io.orgtrail.history.EventHistory;
import io.orgtrail.insights.InsightsDetector;
import io.orgtrail.insights.delivery.InsightsDelivery;
import io.orgtrail.notify.Notifier;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.notify.webhook.WebhookSender;
import io.orgtrail.aggregator.Aggregator;
import io.orgtrail.aggregator.AggregatorConfig;
import io.orgtrail.aggregator.metrics.MetricFilter;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.config.Durations;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.HostPort;
import io.orgtrail.cli.config.StoreOptions;
import io.orgtrail.cli.config.StoreSettings;
import io.orgtrail.cli.config.Stores;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.notify.pattern.EventPattern;
import io.orgtrail.notify.pattern.InvalidEventPatternException;
import io.orgtrail.store.ObjectStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "aggregator",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the aggregator: receives signed batches from enrolled agents over gRPC, writes CloudTrail log files "
          + "under AWSLogs/<orgId>/<accountId>/CloudTrail/<region>/..., and acknowledges each batch once durable.",
      "Settings come from --config (YAML); flags override it. Stops gracefully on SIGTERM/Ctrl-C (open files are "
          + "written and acknowledged first)."
    })
public final class AggregatorCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(AggregatorCommand.class);

  private final ReadAccessSettings readAccess = new ReadAccessSettings();

  @Option(names = "--config", description = "YAML configuration file (see README, 'Configuration').")
  Path config;

  @Option(names = "--listen", description = "host:port for the agents' gRPC stream. Default 127.0.0.1:7700.")
  String listen;

  @Option(names = "--org-id", description = "Organization id in object keys, e.g. o-a1b2c3d4e5 (required).")
  String orgId;

  @Option(names = "--prefix", description = "S3 key prefix before AWSLogs/. Default none.")
  String prefix;

  @Option(names = "--roll-interval", description = "How long a log file collects events before delivery (1s to 1h). Default 5m, as CloudTrail.")
  String rollInterval;

  @Option(names = "--max-file-bytes", description = "Deliver a log file early when its uncompressed size reaches this. Default 64 MiB.")
  Long maxFileBytes;

  @Option(names = "--data-dir", description = "Base directory for state, registry and (local store) the bucket. Default ./orgtrail-data.")
  Path dataDir;

  @Option(names = "--state-dir", description = "Aggregator state (sequence numbers). Default <data-dir>/state.")
  Path stateDir;

  @Option(names = "--registry-dir", description = "Enrolled agents' registry. Default <data-dir>/registry.")
  Path registryDir;

  @Mixin StoreOptions storeOptions;

  @Option(names = "--minio-bucket", description = "minio store: bucket (created when missing). Default orgtrail.")
  String minioBucket;

  @Option(names = "--trail-name", description = "The trail's name in digest keys and its ARN. Default orgtrail.")
  String trailName;

  @Option(names = "--home-region", description = "The trail's home region. Default us-east-1.")
  String homeRegion;

  @Option(names = "--management-account", description = "The organization's management account (12 digits), "
      + "owner of the trail ARN. Default 000000000000.")
  String managementAccount;

  @Option(names = "--digest-period", description = "How long one digest file covers (1s to 1h). Default 1h, as CloudTrail.")
  String digestPeriod;

  @Option(names = "--digest-key-file", description = "The RSA digest signing keys (created on first start). "
      + "Default <state-dir>/digest-keys.json.")
  Path digestKeyFile;

  @Option(names = "--api-listen", description = "host:port of the CloudTrail-compatible API (DescribeTrails, "
      + "GetTrail, ListPublicKeys, DescribeOrganization) for aws cloudtrail validate-logs. Default: no API.")
  String apiListen;

  @Option(names = "--access-listen", description = "host:port of the read access service (mutual TLS) for member "
      + "admins and the platform team ('orgtrail logs'). Default: no access service.")
  String accessListen;

  @Option(names = "--access-tls-dir", description = "The access service's server.pem, server-key.pem and ca.pem "
      + "('orgtrail admin issue-cert --server').")
  Path accessTlsDir;

  @Option(names = "--access-s3-endpoint", description = "Where holders of read credentials reach MinIO, when not at "
      + "the store's endpoint (e.g. from outside a compose network).")
  String accessS3Endpoint;

  @Option(names = "--stats-interval", description = "How often the delivery summary (batches received and durable, "
      + "events and files written, buffered bytes, failures) is logged, e.g. 10s; 0s turns it off. Default 1m.")
  String statsInterval;

  @Option(names = "--compression-level", description = "The gzip level of log files, 1 (fastest) to 9 (smallest). "
      + "Level 1 compresses CloudTrail records about twice as fast into files about a quarter larger. Default 6.")
  Integer compressionLevel;

  @Option(names = "--writer-threads", description = "How many log files are written to the store at once; each "
      + "write waits for the store (fsync, or a MinIO round trip), so many small files (many accounts and regions, "
      + "a short roll interval) need more. Default 16.")
  Integer writerThreads;

  @Option(names = "--metrics-listen", description = "host:port serving /metrics (Prometheus), /healthz and /readyz "
      + "(ready: gRPC serving, store answering), e.g. 127.0.0.1:9464. Default: no endpoint.")
  String metricsListen;

  @Override
  public Integer call() throws Exception {
    AggregatorSettings file = YamlFiles.read(config, AggregatorSettings.class, AggregatorSettings.EMPTY);
    StoreSettings storeSettings = storeOptions.over(file.store(), minioBucket);
    AggregatorConfig cfg = toConfig(file);
    Path data = dataDir(file);

    ObjectStore store = Stores.open(storeSettings, data.resolve("bucket"), System.getenv());
    EventHistory history = Boolean.TRUE.equals(file.eventHistory())
        ? EventHistory.open(HistoryLocation.of(file, dataDir(file)), Clock.systemUTC()) : null;
    WebhookSender webhooks = Notifying.sender(file.notifications(), data);
    Aggregator.Builder builder = Aggregator.builder()
        .eventSelectors(selectors(file))
        .eventHistory(history)
        .apiKeys(file.apiKeysFile() == null ? ApiCredentials.NONE : ApiKeysFile.load(Path.of(file.apiKeysFile())));
    Notifier notifier = webhooks == null ? null : Notifying.notifier(file.notifications(), webhooks);
    if (notifier != null) {
      builder.afterDelivery(new Notifications(notifier,
          file.notifications().rules() != null && !file.notifications().rules().isEmpty()));
    }
    if (Boolean.TRUE.equals(file.insights())) {
      // Insights files are announced like log files: to the file webhooks, and their records to the rules.
      builder.insights(new InsightsDelivery(InsightsDetector.builder().build(), store,
          new TrailLayout(cfg.keyPrefix(), cfg.orgId()), Clock.systemUTC(), new SecureRandom(),
          cfg.stateDir().resolve("insights.json"),
          (key, records) -> {
            if (notifier != null) {
              notifier.logFileDurable(store.bucket(), key, records);
            }
          }), Duration.ofMinutes(1));
    }
    HostPort metrics = metricsAddress(file);
    if (metrics != null) {
      builder.metricsListen(metrics.host(), metrics.port());
    }
    metricFilters(file).forEach(builder::metricFilter);
    Aggregator aggregator = builder
        .config(cfg)
        .readCredentials(cfg.access() == null ? null
            : readAccess.credentials(file.access(), accessS3Endpoint, storeSettings, store, System.getenv()))
        .store(store)
        .clock(Clock.systemUTC())
        .random(new SecureRandom())
        .build();
    aggregator.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping: delivering open log files and acknowledging them");
      try {
        aggregator.close();
        if (webhooks != null) {
          webhooks.close();
        }
        if (history != null) {
          history.close();
        }
        store.close();
      } catch (Exception e) {
        log.error("error while stopping: {}", e.toString());
      } finally {
        stopped.countDown();
      }
    }, "orgtrail-aggregator-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /** {@code --metrics-listen} or {@code metricsListen}, or null for no metrics endpoint. */
  HostPort metricsAddress(AggregatorSettings file) {
    String address = YamlFiles.pick(metricsListen, file.metricsListen());
    return address == null ? null : HostPort.parse(address, "metricsListen");
  }

  /** The {@code metricFilters:} section, checked: every filter needs a valid name and pattern, names unique. */
  static List<MetricFilter> metricFilters(AggregatorSettings file) {
    List<AggregatorSettings.MetricFilterSettings> configured =
        file.metricFilters() == null ? List.of() : file.metricFilters();
    List<MetricFilter> filters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < configured.size(); i++) {
      AggregatorSettings.MetricFilterSettings f = configured.get(i);
      String where = "metricFilters[" + i + "]" + (f == null || f.name() == null ? "" : " (" + f.name() + ")");
      if (f == null || f.name() == null || f.pattern() == null) {
        throw new ConfigException(where + " needs a name and a pattern, e.g. {name: root-logins, pattern: "
            + "{detail-type: [AWS Console Sign In via CloudTrail], detail: {userIdentity: {type: [Root]}}}}");
      }
      try {
        // A pattern given as a string holds the JSON of the pattern, as copied from EventBridge.
        EventPattern pattern = f.pattern().isTextual() ? EventPattern.parse(f.pattern().asText())
            : EventPattern.of(f.pattern());
        filters.add(new MetricFilter(f.name(), pattern));
      } catch (InvalidEventPatternException e) {
        throw new ConfigException(where + ".pattern: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": " + e.getMessage());
      }
      if (!names.add(f.name())) {
        throw new ConfigException(where + ": another metric filter has this name; names must be unique");
      }
    }
    return filters;
  }

  private static TrailSelectors selectors(AggregatorSettings file) {
    try {
      return TrailSelectors.fromTree(file.eventSelectors());
    } catch (InvalidEventSelectorsException e) {
      throw new ConfigException("eventSelectors: " + e.getMessage());
    }
  }

  private Path dataDir(AggregatorSettings file) {
    return YamlFiles.pick(dataDir, file.dataDir() == null ? null : Path.of(file.dataDir()), Path.of("orgtrail-data"));
  }

  AggregatorConfig toConfig(AggregatorSettings file) {
    Path data = dataDir(file);
    HostPort address = HostPort.parse(YamlFiles.pick(listen, file.listen(), "127.0.0.1:7700"), "listen");
    String org = YamlFiles.pick(orgId, file.orgId());
    if (org == null) {
      throw new IllegalArgumentException("--org-id (or orgId in the config file) is required, e.g. o-a1b2c3d4e5");
    }
    TrailName trailName = file.trailName(this.trailName, homeRegion, managementAccount);
    String api = YamlFiles.pick(apiListen, file.apiListen());
    HostPort apiAddress = api == null ? null : HostPort.parse(api, "apiListen");
    String stats = YamlFiles.pick(statsInterval, file.statsLogInterval());
    return AggregatorConfig.builder()
        .listenHost(address.host())
        .port(address.port())
        .orgId(org)
        .keyPrefix(YamlFiles.pick(prefix, file.prefix(), ""))
        .rollInterval(Durations.parse(YamlFiles.pick(rollInterval, file.rollInterval(), "5m"), "rollInterval"))
        .maxFileBytes(YamlFiles.pick(maxFileBytes, file.maxFileBytes(), AggregatorConfig.DEFAULT_MAX_FILE_BYTES))
        .stateDir(YamlFiles.pick(stateDir, file.stateDir() == null ? null : Path.of(file.stateDir()), data.resolve("state")))
        .registryDir(YamlFiles.pick(registryDir, file.registryDir() == null ? null : Path.of(file.registryDir()), data.resolve("registry")))
        .trail(trailName)
        .digestPeriod(Durations.parse(YamlFiles.pick(digestPeriod, file.digestPeriod(), "1h"), "digestPeriod"))
        .digestKeyFile(YamlFiles.pick(digestKeyFile, file.digestKeyFile() == null ? null : Path.of(file.digestKeyFile()), null))
        .api(apiAddress == null ? null : apiAddress.host(), apiAddress == null ? null : apiAddress.port())
        .access(readAccess.settings(file.access(), accessListen, accessTlsDir))
        .statsLogInterval(stats == null ? null : Durations.parse(stats, "statsLogInterval"))
        .compressionLevel(YamlFiles.pick(compressionLevel, file.compressionLevel(), AggregatorConfig.DEFAULT_COMPRESSION_LEVEL))
        .writerThreads(YamlFiles.pick(writerThreads, file.writerThreads(), AggregatorConfig.DEFAULT_WRITER_THREADS))
        .build();
  }
}
