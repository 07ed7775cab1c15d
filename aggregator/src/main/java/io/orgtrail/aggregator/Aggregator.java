package io.orgtrail.aggregator;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.orgtrail.aggregator.afterdelivery.AfterDelivery;
import io.orgtrail.aggregator.afterdelivery.DeliveryConsumer;
import io.orgtrail.aggregator.afterdelivery.HistoryIndexing;
import io.orgtrail.aggregator.afterdelivery.InsightsObserving;
import io.orgtrail.insights.delivery.InsightsDelivery;
import io.orgtrail.aggregator.access.IssuedApiCredentials;
import io.orgtrail.cloudtrailapi.auth.ApiCredentials;
import io.orgtrail.history.EventHistory;
import io.orgtrail.aggregator.selectors.TrailSelectorsState;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.aggregator.digest.DigestKeyRing;
import io.orgtrail.cloudtrailapi.CloudTrailApiServer;
import io.orgtrail.cloudtrailapi.TrailDescription;
import io.orgtrail.cloudtrailapi.TrailStatus;
import io.orgtrail.aggregator.digest.DigestWriter;
import io.orgtrail.aggregator.ingest.DaemonThreads;
import io.orgtrail.aggregator.ingest.IngestCounters;
import io.orgtrail.aggregator.ingest.IngestPipeline;
import io.orgtrail.aggregator.metrics.AggregatorMetrics;
import io.orgtrail.aggregator.metrics.MetricFilter;
import io.orgtrail.aggregator.metrics.MetricFilterCounting;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.notify.envelope.EventBridgeEnvelope;
import io.orgtrail.observability.HealthCheck;
import io.orgtrail.observability.MetricsServer;
import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.aggregator.sequence.SequenceStateFile;
import io.orgtrail.access.server.AccessServer;
import io.orgtrail.aggregator.access.AccessSettings;
import io.orgtrail.aggregator.access.ReadCredentials;
import io.orgtrail.aggregator.guard.WriteGuard;
import io.orgtrail.format.digest.PublicKeySet;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.store.ObjectStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator: a gRPC server ({@code orgtrail.v1.Ingest}) that takes signed batches from enrolled agents,
 * writes their events as CloudTrail log files to an {@link ObjectStore}, and acknowledges each batch once the files
 * holding its events are durable.
 *
 * <pre>{@code
 * Aggregator aggregator = Aggregator.builder().config(cfg).store(store).clock(clock).random(random).build();
 * aggregator.start();
 * ... aggregator.port() ... aggregator.stats() ...
 * aggregator.close(); // writes open files, acknowledges, then stops the server
 * }</pre>
 *
 * The store is the caller's: {@link #close()} does not close it.
 *
 * <p>Exactly once across its own crashes: every log file is journaled, with the (agent, sequence, event indexes)
 * it holds, before it is put ({@code digest.ChainJournal}); after the put, the sequence state recording those
 * events as durable is saved before the file may be listed by a digest (which lets the journal forget it) and
 * before any acknowledgement. On start, the files the journal names are asked of the store: the events of those
 * that are there are durable, so a resent batch writes only what is not (answered DURABLE), or nothing (answered
 * DUPLICATE). Resends of batches such files hold wait until the store has answered.
 */
public final class Aggregator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Aggregator.class);
  /** After the streams are ended, how long the server gets to finish its calls before they are cancelled. */
  private static final Duration SERVER_GRACE = Duration.ofSeconds(5);
  /** Store attempts failing in a row (each retried with backoff, ~1.5 s for 4) after which it is not ready. */
  static final int STORE_FAILURES_NOT_READY = 4;

  private final AggregatorConfig config;
  private final ObjectStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final AgentRegistry registry;
  private IngestPipeline pipeline;
  private DigestKeyRing digestKeys;
  private DigestWriter digests;
  private Server server;
  private final ExecutorService ingestExecutor = Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), DaemonThreads.named("orgtrail-ingest"));
  private CloudTrailApiServer api;
  private AccessServer access;
  private ScheduledExecutorService statsLog;
  private final ReadCredentials readCredentials;
  private final List<DeliveryConsumer> deliveryConsumers;
  private final EventHistory history;
  private final ApiCredentials apiKeys;
  private final TrailSelectors initialSelectors;
  private TrailSelectorsState selectors;
  private final IssuedApiCredentials issuedCredentials;
  private ScheduledExecutorService historyPrune;
  private final InsightsDelivery insights;
  private final Duration insightsTick;
  private AfterDelivery afterDelivery;
  private boolean closed;
  private final PrometheusMeterRegistry meterRegistry;
  private final AggregatorMetrics metrics;
  private final String metricsHost;
  private final Integer metricsPort;
  private MetricsServer metricsServer;
  /** Read by the readiness check on the metrics server's thread, without the aggregator's lock. */
  private volatile boolean serving;
  private volatile IngestCounters liveCounters;

  private Aggregator(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config is required");
    this.store = Objects.requireNonNull(b.store, "store is required");
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.registry = new AgentRegistry(config.registryDir(), clock);
    this.readCredentials = b.readCredentials;
    this.history = b.history;
    this.apiKeys = b.apiKeys;
    this.initialSelectors = b.eventSelectors;
    this.issuedCredentials = new IssuedApiCredentials(clock);
    List<DeliveryConsumer> consumers = new java.util.ArrayList<>();
    if (history != null) {
      consumers.add(new HistoryIndexing(history));
    }
    this.insights = b.insights;
    this.insightsTick = b.insightsTick;
    if (insights != null) {
      consumers.add(new InsightsObserving(insights));
    }
    this.meterRegistry = b.meterRegistry == null ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
        : b.meterRegistry;
    this.metrics = new AggregatorMetrics(meterRegistry);
    if (!b.metricFilters.isEmpty()) {
      // Its own randomness: the envelope's id is never matched on, and the injected generator is the writers'.
      consumers.add(new MetricFilterCounting(b.metricFilters,
          new EventBridgeEnvelope(new RandomUuids(new SecureRandom())), meterRegistry));
    }
    consumers.addAll(b.deliveryConsumers);
    this.deliveryConsumers = List.copyOf(consumers);
    this.metricsHost = b.metricsHost;
    this.metricsPort = b.metricsPort;
  }

  public static Builder builder() {
    return new Builder();
  }

  public AggregatorConfig config() {
    return config;
  }

  /** The registry of enrolled agents this aggregator accepts (enrolling here is seen at once). */
  public AgentRegistry registry() {
    return registry;
  }

  /**
   * Loads the sequence state and starts serving.
   *
   * @throws IOException when the state or registry directory is unusable, or the port cannot be bound
   */
  public synchronized void start() throws IOException {
    if (server != null || closed) {
      throw new IllegalStateException(closed ? "the aggregator was closed; build a new one" : "already started");
    }
    Files.createDirectories(config.stateDir());
    Files.createDirectories(config.registryDir());
    Instant startedAt = clock.instant();
    TrailLayout layout = new TrailLayout(config.keyPrefix(), config.orgId());
    WriteGuard guard = new WriteGuard(new TrailBucket(store.bucket(), config.keyPrefix(), config.orgId()),
        new PolicyEvaluator(clock));
    DigestKeyRing keys = DigestKeyRing.open(config.digestKeyFile(), clock,
        random instanceof SecureRandom secure ? secure : new SecureRandom());
    DigestWriter d = new DigestWriter(
        new DigestWriter.Settings(layout, config.trail(), config.digestPeriod(), config.stateDir().resolve("digests")),
        store, guard, keys, clock);
    d.recover();
    TrailSelectorsState trailSelectors;
    try {
      trailSelectors = TrailSelectorsState.open(config.stateDir(), initialSelectors);
    } catch (InvalidEventSelectorsException e) {
      throw new IllegalArgumentException("the configured event selectors are not valid: " + e.getMessage(), e);
    }
    AfterDelivery after = new AfterDelivery(deliveryConsumers, AfterDelivery.DEFAULT_MAX_QUEUED_BYTES);
    IngestPipeline p = new IngestPipeline(
        new IngestPipeline.Settings(
            layout,
            config.rollInterval(),
            config.maxFileBytes(),
            config.maxRecordBytes(),
            config.maxBatchBytes(),
            config.maxBufferedBytes(),
            config.writerThreads(),
            config.compressionLevel()),
        registry,
        new SequenceStateFile(config.stateDir()),
        d.unresolvedHolds(),
        store,
        guard,
        new DigestRecorder(d),
        agentId -> registry.find(agentId).map(a -> d.heads(a.accountId())).orElse(List.of()),
        clock,
        random,
        after::delivered,
        trailSelectors,
        metrics);
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress(config.listenHost(), config.port()))
        // Batch checks run here; they never block (a full buffer parks a stream instead), so a thread per core
        // suffices, where gRPC's default cached pool grew to hundreds of idle threads with 1,000 agents.
        .executor(ingestExecutor)
        .maxInboundMessageSize(config.maxInboundMessageBytes())
        // Agents keep long-lived streams open through idle periods with keepalive pings; do not punish them.
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        // And find streams whose agent vanished without a word (its network cut): ping, and close them if silent.
        .keepAliveTime(30, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .addService(p.service())
        .build();
    try {
      s.start();
    } catch (IOException e) {
      ingestExecutor.shutdown();
      p.close(Duration.ZERO);
      throw new IOException("cannot listen on " + config.listenHost() + ":" + config.port() + " (" + e.getMessage()
          + "); choose another listen address or stop the process using it", e);
    }
    if (config.apiPort() != null) {
      try {
        CloudTrailApiServer.Builder api = CloudTrailApiServer.builder()
            .listen(config.apiHost(), config.apiPort())
            .trail(new TrailDescription(config.trail(), store.bucket(), config.keyPrefix(), config.orgId()))
            .publicKeys(keys::publicKeys)
            .status(() -> TrailStatus.logging().withStartLoggingTime(startedAt))
            .clock(clock)
            // Platform keys from the operator's file, then the S3 credentials the access service issued (scoped
            // like their grant): the operations on events and selectors answer only requests signed with one.
            .credentials(key -> apiKeys.find(key).or(() -> issuedCredentials.find(key)))
            .eventSelectors(trailSelectors);
        if (history != null) {
          api.eventHistory(history);
        }
        this.api = api.build().start();
      } catch (IOException | RuntimeException e) {
        s.shutdownNow();
        ingestExecutor.shutdown();
        p.close(Duration.ZERO);
        throw e;
      }
    }
    if (config.access() != null) {
      try {
        access = startAccess(keys);
      } catch (IOException | RuntimeException e) {
        if (api != null) {
          api.close();
        }
        s.shutdownNow();
        ingestExecutor.shutdown();
        p.close(Duration.ZERO);
        throw e;
      }
    }
    p.start();
    d.start(p::recovered);
    if (!config.statsLogInterval().isZero()) {
      statsLog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orgtrail-aggregator-stats");
        t.setDaemon(true);
        return t;
      });
      long every = config.statsLogInterval().toNanos();
      statsLog.scheduleWithFixedDelay(this::logDeliveryState, every, every, TimeUnit.NANOSECONDS);
    }
    pipeline = p;
    afterDelivery = after;
    selectors = trailSelectors;
    if (history != null) {
      historyPrune = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("orgtrail-history-prune"));
      historyPrune.scheduleWithFixedDelay(this::pruneHistory, 0, 1, TimeUnit.HOURS);
    }
    if (insights != null) {
      insights.start(insightsTick);
    }
    digestKeys = keys;
    digests = d;
    server = s;
    metrics.bind(p, d, after);
    liveCounters = p.counters();
    serving = true;
    if (metricsPort != null) {
      try {
        metricsServer = MetricsServer.builder()
            .listen(metricsHost, metricsPort)
            .registry(meterRegistry)
            .healthCheck("ingest", this::ingestServing)
            .healthCheck("store", this::storeAnswering)
            .build()
            .start();
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }
    log.info("aggregator listening on {}:{} for org {}, writing to {}; trail {}, a digest every {}", config.listenHost(),
        s.getPort(), config.orgId(), store.describe(), config.trail().arn(), config.digestPeriod());
  }

  private HealthCheck.Result ingestServing() {
    return serving ? HealthCheck.Result.ok()
        : HealthCheck.Result.failing("the gRPC ingest server is not serving (the aggregator is stopping)");
  }

  /** Not ready once several store attempts in a row failed: agents' batches then wait unacknowledged. */
  private HealthCheck.Result storeAnswering() {
    IngestCounters c = liveCounters;
    long streak = c == null ? 0 : c.storeFailureStreak();
    if (streak < STORE_FAILURES_NOT_READY) {
      return HealthCheck.Result.ok();
    }
    return HealthCheck.Result.failing("the last " + streak + " attempts to write a log file to " + store.describe()
        + " failed (latest: " + c.lastStoreFailure() + "); batches stay unacknowledged until it answers");
  }

  /**
   * The registry holding this aggregator's meters (Prometheus names {@code orgtrail_aggregator_*} and
   * {@code orgtrail_metric_filter_matches_total}); served on {@code /metrics} when a metrics address is set.
   */
  public PrometheusMeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /** The metrics and health endpoint's port, or empty when it is not configured. */
  public synchronized java.util.OptionalInt metricsPort() {
    return metricsServer == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(metricsServer.port());
  }

  private AccessServer startAccess(DigestKeyRing keys) throws IOException {
    AccessSettings settings = config.access();
    AccessServer.Builder b = AccessServer.builder()
        .listen(settings.host(), settings.port())
        .tls(settings.certificate(), settings.privateKey(), settings.clientCa())
        .store(store)
        .trailBucket(new TrailBucket(store.bucket(), config.keyPrefix(), config.orgId()))
        .trail(config.trail())
        .publicKeys(() -> new String(PublicKeySet.toJson(keys.publicKeys()), StandardCharsets.UTF_8))
        .clock(clock)
        .onCredentialsIssued(issuedCredentials);
    if (readCredentials != null) {
      b.credentialIssuer(readCredentials.issuer()).s3(readCredentials.s3Endpoint(), readCredentials.region());
    }
    return b.build().start();
  }

  /** Forgets events older than the event history's 90 days; hourly, as they age out. */
  private void pruneHistory() {
    try {
      var pruned = history.prune();
      if (pruned.eventsDeleted() > 0) {
        log.info("event history: {} events older than {} removed", pruned.eventsDeleted(), pruned.cutoff());
      }
    } catch (Exception e) { // a periodic task that throws is never run again
      log.warn("event history: pruning failed, retried in an hour: {}", e.toString());
    }
  }

  private void logDeliveryState() {
    try {
      log.info("{}", stats().deliverySummary());
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again.
      log.warn("cannot report the delivery state: {}", e.toString());
    }
  }

  /** The trail's event selectors: what is logged, pushed to agents, changed by PutEventSelectors. */
  public synchronized TrailSelectorsState eventSelectors() {
    if (selectors == null) {
      throw new IllegalStateException("the aggregator is not started");
    }
    return selectors;
  }

  /** The read access service's port, or empty when it is not configured. */
  public synchronized java.util.OptionalInt accessPort() {
    return access == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(access.port());
  }

  /** The digest signing keys in use (every key ever used, with its validity window). */
  public synchronized DigestKeyRing digestKeys() {
    if (digestKeys == null) {
      throw new IllegalStateException("the aggregator is not started");
    }
    return digestKeys;
  }

  /**
   * The CloudTrail-compatible API's endpoint (for {@code AWS_ENDPOINT_URL_CLOUDTRAIL} and
   * {@code AWS_ENDPOINT_URL_ORGANIZATIONS}), or empty when it is not configured.
   */
  public synchronized java.util.Optional<java.net.URI> apiEndpoint() {
    return api == null ? java.util.Optional.empty() : java.util.Optional.of(api.endpoint());
  }

  /** The port the server is bound to (the actual one when the configuration asked for 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the aggregator is not started");
    }
    return server.getPort();
  }

  public synchronized AggregatorStats stats() {
    if (pipeline == null) {
      return AggregatorStats.NONE;
    }
    IngestCounters c = pipeline.counters();
    return new AggregatorStats(
        c.batchesReceived(),
        c.batchesDurable(),
        c.duplicates(),
        c.duplicateEvents(),
        c.eventsSkippedAsDurable(),
        c.inFlightResends(),
        c.batchRejections(),
        c.eventsWritten(),
        c.eventsRejected(),
        c.filesWritten(),
        c.storeFailures(),
        c.stateSaveFailures(),
        c.filesRefused(),
        pipeline.bufferedBytes(),
        pipeline.pausedStreams(),
        pipeline.pushbackTime(),
        c.batchesAwaitingRecovery(),
        digests.recoveredInStore(),
        digests.recoveredMissing(),
        digests.digestsWritten(),
        digests.failures());
  }

  /**
   * Graceful stop, bounded by the configured shutdown timeout: no new calls, no further batches, every open file
   * written and every durable batch acknowledged, then the agents' streams are ended and the server stopped.
   * Batches not written in time stay unacknowledged (their agents resend them).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    serving = false;
    if (server == null) {
      return;
    }
    server.shutdown();
    if (statsLog != null) {
      statsLog.shutdownNow();
    }
    if (historyPrune != null) {
      historyPrune.shutdownNow();
    }
    if (api != null) {
      api.close();
    }
    if (access != null) {
      access.close();
    }
    boolean complete = pipeline.close(config.shutdownTimeout());
    // After the last log file: the final digests list every file delivered, so a stop leaves nothing uncovered.
    complete &= digests.close(config.shutdownTimeout());
    // The last files were handed over by now; their history and notifications finish before the process ends.
    afterDelivery.close(config.shutdownTimeout());
    if (insights != null) {
      // After the last events were observed: the detector's state is saved with them.
      insights.close();
    }
    try {
      if (!server.awaitTermination(SERVER_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(SERVER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    ingestExecutor.shutdown();
    if (metricsServer != null) {
      // Last: the final counts stay scrapeable, and readiness says "stopping", until everything is done.
      metricsServer.close();
    }
    log.info("aggregator stopped{}", complete ? "" : " (some batches were not written; their agents resend them)");
  }

  public static final class Builder {
    private AggregatorConfig config;
    private ObjectStore store;
    private Clock clock;
    private RandomGenerator random;
    private ReadCredentials readCredentials;
    private final List<DeliveryConsumer> deliveryConsumers = new java.util.ArrayList<>();
    private EventHistory history;
    private InsightsDelivery insights;
    private Duration insightsTick = Duration.ofMinutes(1);

    /**
     * CloudTrail Insights over every delivered event, its files written every {@code tick} (a minute; shorter in
     * tests): the aggregator starts it, feeds it and closes it.
     */
    public Builder insights(InsightsDelivery insights, Duration tick) {
      this.insights = Objects.requireNonNull(insights, "insights");
      this.insightsTick = Objects.requireNonNull(tick, "tick");
      return this;
    }
    private ApiCredentials apiKeys = ApiCredentials.NONE;
    private TrailSelectors eventSelectors = TrailSelectors.defaults();
    private PrometheusMeterRegistry meterRegistry;
    private final List<MetricFilter> metricFilters = new java.util.ArrayList<>();
    private String metricsHost;
    private Integer metricsPort;

    /**
     * Serves {@code GET /metrics} (Prometheus), {@code /healthz} and {@code /readyz} on this address (port 0: any
     * free one, see {@link Aggregator#metricsPort()}); default: no endpoint.
     */
    public Builder metricsListen(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("metrics port must be 0-65535 (0: any free port), not " + port);
      }
      this.metricsHost = Objects.requireNonNull(host, "host");
      this.metricsPort = port;
      return this;
    }

    /** The registry to put the aggregator's meters in (e.g. shared with the process's own); default a new one. */
    public Builder meterRegistry(PrometheusMeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    /** Counts the delivered events matching the filter's pattern; repeatable, names unique. */
    public Builder metricFilter(MetricFilter filter) {
      metricFilters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /**
     * The trail's event selectors until PutEventSelectors changes them (then the state directory holds those);
     * default CloudTrail's: every management event, no data event.
     */
    public Builder eventSelectors(TrailSelectors eventSelectors) {
      this.eventSelectors = Objects.requireNonNull(eventSelectors, "eventSelectors");
      return this;
    }

    private Builder() {}

    /**
     * Keeps this event history up to date with every delivered log file, prunes it hourly, and serves it as
     * LookupEvents on the CloudTrail-compatible API (when that is configured). The history is the caller's to close,
     * after the aggregator.
     */
    public Builder eventHistory(EventHistory history) {
      this.history = history;
      return this;
    }

    /** Long-lived keys whose SigV4 signatures LookupEvents accepts (e.g. {@code ApiKeysFile}); default none. */
    public Builder apiKeys(ApiCredentials apiKeys) {
      this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
      return this;
    }

    /** Work to do with every log file once it is durable (event history, notifications, rules); repeatable. */
    public Builder afterDelivery(DeliveryConsumer consumer) {
      deliveryConsumers.add(Objects.requireNonNull(consumer, "consumer"));
      return this;
    }

    /**
     * How read access grants get S3 credentials (MinIO's STS); without it, grants on the access service read
     * through the service itself (the embedded store's way).
     */
    public Builder readCredentials(ReadCredentials readCredentials) {
      this.readCredentials = readCredentials;
      return this;
    }

    public Builder config(AggregatorConfig config) {
      this.config = config;
      return this;
    }

    public Builder store(ObjectStore store) {
      this.store = store;
      return this;
    }

    /** Time for file ages and keys; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Randomness for the unique part of file names; default a {@link SecureRandom}. */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    public Aggregator build() {
      return new Aggregator(this);
    }
  }
}
