package io.orgtrail.cli.aggregator;

import io.orgtrail.aggregator.AggregatorConfig;
import io.orgtrail.cli.config.StoreSettings;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.format.layout.TrailName;

/**
 * The aggregator's YAML configuration file; every value may also be given as a flag, which wins.
 *
 * <p>{@code statsLogInterval}: how often the delivery summary (batches received and durable, events and files
 * written, buffered bytes, failures) is logged at INFO, e.g. {@code 10s}; {@code 0s} turns it off. Default 1m.
 *
 * <p>{@code compressionLevel}: the gzip level of log files, 1 (fastest) to 9 (smallest). Default 6.
 *
 * <p>{@code writerThreads}: how many log files are written to the store at once. Default 16.
 *
 * <p>{@code eventHistory}: keep the event history (LookupEvents: the last 90 days of management events, indexed as
 * files are delivered) in {@code eventHistoryDir} (default {@code <dataDir>/event-history}). Default false: indexing
 * costs about one core per 12,000 events/s.
 *
 * <p>{@code insights}: CloudTrail Insights (ApiCallRateInsight, ApiErrorRateInsight) over every delivered event,
 * written under {@code CloudTrail-Insight/} and announced like log files; its state in {@code <stateDir>/insights.json}.
 * Default false.
 *
 * <p>{@code apiKeysFile}: the keys LookupEvents and Get/PutEventSelectors accept signatures from (see
 * {@code ApiKeysFile}).
 *
 * <p>{@code eventSelectors}: the trail's initial event selectors in PutEventSelectors' shape, {@code EventSelectors:
 * [...]} or {@code AdvancedEventSelectors: [...]}; default every management event and no data event. Once
 * {@code aws cloudtrail put-event-selectors} changed them, the state directory's copy wins.
 *
 * <p>{@code metricsListen}: {@code host:port} serving {@code GET /metrics} (Prometheus), {@code /healthz} and
 * {@code /readyz} (ready: the gRPC server serves and the store answers). Default: no endpoint.
 *
 * <p>{@code metricFilters}: {@code [{name, pattern}]}, counts of delivered events matching each pattern (see
 * {@link MetricFilterSettings}).
 */
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
    String apiListen,
    AccessFileSettings access,
    String statsLogInterval,
    Integer compressionLevel,
    Integer writerThreads,
    Boolean eventHistory,
    String eventHistoryDir,
    String apiKeysFile,
    NotificationSettings notifications,
    com.fasterxml.jackson.databind.JsonNode eventSelectors,
    String metricsListen,
    java.util.List<MetricFilterSettings> metricFilters,
    Boolean insights) {
  public static final AggregatorSettings EMPTY = new AggregatorSettings(
      null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null);

  /**
   * One metric filter: delivered events matching {@code pattern} (an EventBridge event pattern as YAML, or as a
   * string holding its JSON; matched against the event's EventBridge envelope as notification rules are) are counted
   * as {@code orgtrail_metric_filter_matches_total{filter="<name>"}}.
   */
  public record MetricFilterSettings(String name, com.fasterxml.jackson.databind.JsonNode pattern) {}

  /**
   * The {@code notifications:} section: webhooks told of every delivered log file (CloudTrail's SNS message shape)
   * and of every event an EventBridge-style rule matches.
   *
   * @param fileDelivered webhook URLs for {@code {"s3Bucket":...,"s3ObjectKey":[...]}}
   * @param rules {@code {name, pattern, webhook}}: the pattern matches the event's EventBridge envelope
   * @param deadLetterFile where messages that could not be delivered go (default
   *     {@code <dataDir>/notifications-dead-letter.jsonl})
   * @param maxAttempts attempts per message before the dead-letter file (default 8)
   */
  public record NotificationSettings(java.util.List<String> fileDelivered, java.util.List<RuleSettings> rules,
      String deadLetterFile, Integer maxAttempts) {}

  /** One rule: its name, its EventBridge event pattern (YAML or JSON), and the webhook matching events go to. */
  public record RuleSettings(String name, com.fasterxml.jackson.databind.JsonNode pattern, String webhook) {}

  /**
   * The {@code access:} section: role-scoped read access over mutual TLS.
   *
   * @param listen host:port of the access service
   * @param tlsDir a directory holding server.pem, server-key.pem and ca.pem ({@code orgtrail admin issue-cert --server})
   * @param certificate the server certificate (default {@code <tlsDir>/server.pem})
   * @param privateKey its key (default {@code <tlsDir>/server-key.pem})
   * @param clientCa the organization's CA certificate (default {@code <tlsDir>/ca.pem})
   * @param s3Endpoint where holders of read credentials reach MinIO (default the store's endpoint)
   * @param stsAccessKey the MinIO user read credentials are issued for ({@code orgtrail admin minio-reader});
   *     or env ORGTRAIL_STS_ACCESS_KEY; default the store's own credentials
   * @param stsSecretKey its secret; or env ORGTRAIL_STS_SECRET_KEY
   */
  public record AccessFileSettings(String listen, String tlsDir, String certificate, String privateKey,
      String clientCa, String s3Endpoint, String stsAccessKey, String stsSecretKey) {
    static final AccessFileSettings EMPTY = new AccessFileSettings(null, null, null, null, null, null, null, null);
  }

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
