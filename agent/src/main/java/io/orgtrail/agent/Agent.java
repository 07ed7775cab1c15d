package io.orgtrail.agent;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.orgtrail.agent.batch.BatchSealer;
import io.orgtrail.agent.batch.Batcher;
import io.orgtrail.agent.batch.SealedBatch;
import io.orgtrail.agent.batch.SequenceFile;
import io.orgtrail.agent.intake.InFlightBudget;
import io.orgtrail.agent.intake.Intake;
import io.orgtrail.agent.metrics.AgentMetricsEndpoint;
import io.orgtrail.agent.selectors.AppliedSelectors;
import io.orgtrail.agent.selectors.SelectorsFile;
import io.orgtrail.agent.selectors.SelectorsSubscription;
import io.orgtrail.agent.ship.AckLatencies;
import io.orgtrail.agent.ship.Backoff;
import io.orgtrail.agent.ship.LastError;
import io.orgtrail.agent.ship.Shipper;
import io.orgtrail.agent.ship.ShipperStats;
import io.orgtrail.agent.source.directory.DirectorySource;
import io.orgtrail.agent.source.directory.FinishedFiles;
import io.orgtrail.agent.source.generator.EventGenerator;
import io.orgtrail.agent.source.http.PutAuditEventsEndpoint;
import io.orgtrail.agent.spool.Spool;
import io.orgtrail.agent.spool.SpoolStats;
import io.orgtrail.agent.spool.SpooledBatch;
import io.orgtrail.agent.state.StateDirLock;
import io.orgtrail.agent.witness.ChainHeadKeeper;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.record.RecordRules;
import io.orgtrail.observability.HealthCheck;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An orgtrail agent for one member account: takes CloudTrail records from its sources (a watched directory, a
 * PutAuditEvents-compatible HTTP endpoint, a generator), checks them, batches and signs them, writes each batch to
 * its disk {@link Spool} (fsync) before telling the source its events were accepted, and streams the batches to
 * the aggregator, keeping each in the spool until the aggregator acknowledges it. After a crash or restart the
 * unacknowledged batches are sent again from the spool, in order and byte for byte the same.
 *
 * <p>Records the trail's event selectors do not select are taken from their sources but neither spooled nor sent.
 * The aggregator sends the selectors over a {@link SelectorsSubscription} whenever they change; the agent saves the
 * last ones it got in its state directory and applies them at the next start before it reconnects. Until it was
 * ever given selectors it sends everything (the aggregator filters what arrives).
 *
 * <pre>
 * Agent agent = Agent.builder().config(cfg).clock(Clock.systemUTC()).random(new SecureRandom()).build();
 * agent.start();
 * ... agent.stats() ...
 * agent.close();
 * </pre>
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  /** Acknowledgements the latency percentiles are taken over. */
  public static final int LATENCY_WINDOW = 1024;

  private final AgentConfig config;
  private final AgentCredentials credentials;
  private final Clock clock;
  private final RandomGenerator random;
  private final LastError lastError = new LastError();
  private final AckLatencies latencies = new AckLatencies(LATENCY_WINDOW);

  // Set by start(); read by stats() from any thread.
  private volatile Running running;
  // Set by start() when a metrics address is configured; read by the acknowledgement callback.
  private volatile AgentMetricsEndpoint metricsEndpoint;
  private boolean started; // guarded by this
  private boolean closed; // guarded by this

  private Agent(AgentConfig config, AgentCredentials credentials, Clock clock, RandomGenerator random) {
    this.config = config;
    this.credentials = credentials;
    this.clock = clock;
    this.random = random;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The parts of a started agent, so that {@link #stats()} and {@link #close()} see them all or none. */
  private record Running(
      StateDirLock lock,
      ScheduledThreadPoolExecutor pipeline,
      Spool spool,
      InFlightBudget budget,
      Shipper shipper,
      BatchSealer sealer,
      Batcher batcher,
      Intake intake,
      AppliedSelectors selectors,
      SelectorsSubscription subscription,
      PutAuditEventsEndpoint endpoint,
      ChainHeadKeeper witnesses,
      FinishedFiles finishedFiles,
      DirectorySource directory,
      EventGenerator generator) {}

  /**
   * Claims the state directory, recovers the spool, opens the stream to the aggregator (connecting in the
   * background; batches left in the spool go first) and starts the configured sources.
   *
   * @throws IOException when the state directory or spool cannot be used or the HTTP endpoint cannot listen
   */
  public synchronized void start() throws IOException {
    if (started) {
      throw new IllegalStateException("the agent was started already; build a new one to start again");
    }
    started = true;
    StateDirLock lock = StateDirLock.acquire(config.stateDir());
    ScheduledThreadPoolExecutor pipeline = null;
    Spool spool = null;
    Shipper shipper = null;
    SelectorsSubscription subscription = null;
    PutAuditEventsEndpoint endpoint = null;
    FinishedFiles finishedFiles = null;
    try {
      SequenceFile sequences = SequenceFile.open(config.stateDir(), credentials.agentId());
      warnAboutOtherSpools();
      spool = Spool.open(config.spoolDir(credentials.agentId()), credentials.agentId(), config.spoolMaxBytes(),
          config.spoolSegmentBytes(), sequences.limit(), clock);
      Spool theSpool = spool;
      pipeline = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "orgtrail-agent-pipeline");
        t.setDaemon(true);
        return t;
      });
      pipeline.setRemoveOnCancelPolicy(true);
      // Stopping must not wait for reconnect or batch timers, nor interrupt a spool write (that closes the file).
      pipeline.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      InFlightBudget budget = new InFlightBudget(config.maxInFlightBytes());
      ManagedChannel channel = NettyChannelBuilder.forAddress(config.aggregatorHost(), config.aggregatorPort())
          .usePlaintext()
          // A link that dies silently (network cut, no RST) must fail the stream within seconds, not after TCP's
          // retransmissions give up: then the shipper reconnects and resends. The aggregator permits 10 s pings.
          .keepAliveTime(10, TimeUnit.SECONDS)
          .keepAliveTimeout(5, TimeUnit.SECONDS)
          .keepAliveWithoutCalls(true)
          .build();
      ChainHeadKeeper witnesses = new ChainHeadKeeper(config.stateDir().resolve("witness"), credentials.accountId());
      shipper = new Shipper(channel, credentials.agentId(), config.aggregator(), pipeline,
          new Backoff(config.initialBackoff(), config.maxBackoff(), random), clock,
          (batch, acknowledged) -> {
            theSpool.acknowledge(batch.sequence());
            if (acknowledged) {
              long latency = clock.millis() - batch.spooledAtMillis();
              latencies.add(latency);
              AgentMetricsEndpoint m = metricsEndpoint;
              if (m != null) {
                m.acknowledged(latency);
              }
            }
            batch.notifyListeners(acknowledged);
          },
          witnesses,
          lastError,
          batch -> theSpool.read(batch.location()),
          config.maxInFlightBytes());
      BatchSealer sealer = new BatchSealer(spool, sequences, credentials.signer(), config.spoolFsyncInterval(),
          (bytes, events) -> {
            budget.release(bytes, events);
            theSpool.capacity().release(bytes);
          },
          shipper::ship, pipeline, lastError);
      Batcher batcher = new Batcher(
          config.maxBatchEvents(), config.maxBatchBytes(), config.maxBatchDelay(), pipeline, sealer);
      AppliedSelectors selectors = new AppliedSelectors();
      SelectorsFile selectorsFile = new SelectorsFile(config.stateDir());
      selectorsFile.load().ifPresent(saved -> {
        selectors.apply(saved);
        log.info("applying the event selectors {} saved in {} until the aggregator sends the trail's current ones",
            selectors.describe(), selectorsFile.path());
      });
      Intake intake = new Intake(new RecordRules(), credentials.accountId(), new RandomUuids(random), budget,
          spool.capacity(), batcher, selectors);
      for (SpooledBatch b : spool.unacknowledged()) {
        shipper.ship(SealedBatch.recovered(b));
      }
      shipper.start();
      subscription = new SelectorsSubscription(channel, credentials.agentId(), config.aggregator(), selectors,
          selectorsFile, pipeline, new Backoff(config.initialBackoff(), config.maxBackoff(), random),
          SelectorsSubscription.DEFAULT_UNIMPLEMENTED_RETRY, clock);
      subscription.start();

      if (config.httpListen().isPresent()) {
        endpoint = PutAuditEventsEndpoint.start(config.httpListen().get(), intake);
      }
      DirectorySource directory = null;
      if (config.watchDir().isPresent()) {
        finishedFiles = FinishedFiles.open(config.stateDir());
        directory = new DirectorySource(config.watchDir().get(), config.pollInterval(), intake, finishedFiles, spool,
            config.maxBatchEvents());
      }
      EventGenerator generator = config.generator()
          .map(g -> new EventGenerator(g, credentials.accountId(), intake, clock, random))
          .orElse(null);
      running = new Running(lock, pipeline, spool, budget, shipper, sealer, batcher, intake, selectors, subscription,
          endpoint, witnesses, finishedFiles, directory, generator);
      if (config.metricsListen().isPresent()) {
        metricsEndpoint = AgentMetricsEndpoint.start(config.metricsListen().get(), this::stats,
            readinessChecks(theSpool, shipper));
      }
      if (directory != null) {
        directory.start();
      }
      if (generator != null) {
        generator.start();
      }
      if (!config.statsLogInterval().isZero()) {
        long every = config.statsLogInterval().toNanos();
        pipeline.scheduleWithFixedDelay(this::logDeliveryState, every, every, TimeUnit.NANOSECONDS);
      }
      log.info("agent {} for account {} started: aggregator {}, spool {} ({} unacknowledged batches to resend), "
          + "event selectors {}{}{}{}{}",
          credentials.agentId(), credentials.accountId(), config.aggregator(), spool.directory(),
          spool.unacknowledged().size(), selectors.describe(),
          directory != null ? ", watching " + config.watchDir().get() : "",
          endpoint != null ? ", PutAuditEvents on port " + endpoint.port() : "",
          generator != null ? ", generating " + config.generator().get().eventsPerSecond() + " events/s" : "",
          metricsEndpoint != null ? ", metrics on port " + metricsEndpoint.port() : "");
    } catch (IOException | RuntimeException e) {
      closeQuietly(metricsEndpoint);
      closeQuietly(endpoint);
      closeQuietly(subscription);
      if (shipper != null) {
        closeQuietly(shipper);
      }
      if (pipeline != null) {
        pipeline.shutdownNow();
      }
      closeQuietly(spool);
      closeQuietly(finishedFiles);
      closeQuietly(lock);
      throw e;
    }
  }

  /** Ready: connected to the aggregator, and the spool can take a full batch more. */
  private Map<String, HealthCheck> readinessChecks(Spool spool, Shipper shipper) {
    Map<String, HealthCheck> checks = new java.util.LinkedHashMap<>();
    checks.put("aggregator", () -> {
      if (shipper.stats().connected()) {
        return HealthCheck.Result.ok();
      }
      String error = lastError.get();
      return HealthCheck.Result.failing("not connected to the aggregator at " + config.aggregator()
          + (error == null ? "" : " (last error: " + error + ")") + "; batches wait in the spool");
    });
    checks.put("spool", () -> {
      var capacity = spool.capacity();
      if (!capacity.wouldRefuse(config.maxBatchBytes())) {
        return HealthCheck.Result.ok();
      }
      return HealthCheck.Result.failing("the spool is full (" + capacity.diskBytes() + " bytes on disk, "
          + capacity.reserved() + " reserved, of " + capacity.maxBytes() + "): sources are paused or refused "
          + "until the aggregator acknowledges");
    });
    return checks;
  }

  private void logDeliveryState() {
    try {
      log.info("agent {}: {}", credentials.agentId(), stats().deliverySummary());
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again.
      log.warn("cannot report the delivery state: {}", e.toString());
    }
  }

  /** Another agent's spool in this state directory is not sent by this agent: say so, it may hold events. */
  private void warnAboutOtherSpools() {
    Path root = config.stateDir().resolve("spool");
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        if (d.getFileName().toString().equals(credentials.agentId()) || !Files.isDirectory(d)) {
          continue;
        }
        try (DirectoryStream<Path> segments = Files.newDirectoryStream(d, "*.seg")) {
          if (segments.iterator().hasNext()) {
            log.warn("the spool of agent {} in {} is not sent by this agent ({}); if it holds unacknowledged "
                + "batches, run that agent with its key file until its spool is empty", d.getFileName(), d,
                credentials.agentId());
          }
        }
      }
    } catch (IOException e) {
      log.debug("cannot look for other agents' spools in {}: {}", root, e.toString());
    }
  }

  /** The port of the metrics and health endpoint, or -1 when it is not configured or not started. */
  public int metricsPort() {
    AgentMetricsEndpoint m = metricsEndpoint;
    return m == null ? -1 : m.port();
  }

  /** The port the PutAuditEvents endpoint listens on, or -1 when it is not configured or not started. */
  public int httpPort() {
    Running r = running;
    return r == null || r.endpoint() == null ? -1 : r.endpoint().port();
  }

  public AgentConfig config() {
    return config;
  }

  public String agentId() {
    return credentials.agentId();
  }

  public AgentStats stats() {
    Running r = running;
    if (r == null) {
      return AgentStats.notStarted(config.generator().isEmpty());
    }
    ShipperStats s = r.shipper().stats();
    SpoolStats spool = r.spool().stats();
    Map<String, Long> rejected = r.intake().rejectedByProblem();
    long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
    DirectorySource d = r.directory();
    EventGenerator g = r.generator();
    long oldest = spool.oldestSpooledAtMillis() < 0 ? 0 : Math.max(0, clock.millis() - spool.oldestSpooledAtMillis());
    return new AgentStats(
        r.sealer().eventsSpooled(),
        rejectedTotal,
        rejected,
        s.batchesSent(),
        s.resends(),
        s.eventsAcknowledged(),
        s.eventsRejected(),
        s.batchesRejected(),
        r.sealer().queued() + spool.batches(),
        r.budget().events() + spool.events(),
        r.budget().bytes() + spool.bytes(),
        s.connected(),
        lastError.get(),
        d == null ? 0 : d.filesFinished(),
        d == null ? 0 : d.filesFailed(),
        d == null ? 0 : d.filesPending(),
        g == null ? 0 : g.generated(),
        g == null || g.done(),
        r.witnesses().kept(),
        r.sealer().eventsRefused(),
        r.spool().capacity().fullRefusals(),
        r.sealer().writeFailures(),
        spool.batches(),
        spool.events(),
        spool.diskBytes(),
        oldest,
        spool.recoveredBatches(),
        latencies.percentile(50),
        latencies.percentile(99),
        spool.corruptTails(),
        spool.corruptBytes(),
        s.batchesUnreadable(),
        r.intake().filteredCount(),
        s.eventsFilteredByAggregator(),
        r.selectors().fingerprint(),
        r.subscription().updatesIgnored());
  }

  /**
   * Stops the sources, closes the open batch and writes it to the spool, waits up to
   * {@link AgentConfig#closeTimeout()} for unacknowledged batches to be acknowledged, then ends the stream. What is
   * still unacknowledged then stays in the spool and is sent at the next start.
   */
  @Override
  public void close() {
    Running r;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      r = running;
    }
    if (r == null) {
      return;
    }
    boolean interrupted = false;
    try {
      closeQuietly(r.endpoint());
      closeQuietly(r.generator());
      closeQuietly(r.directory());
      r.batcher().flush();
      long deadline = System.nanoTime() + config.closeTimeout().toNanos();
      if (r.sealer().awaitEmpty(config.closeTimeout())) {
        r.shipper().awaitSettled(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    r.sealer().commitSoon();
    // Before the shipper, which shuts the shared channel down.
    closeQuietly(r.subscription());
    closeQuietly(r.shipper());
    r.pipeline().shutdown();
    try {
      if (!r.pipeline().awaitTermination(5, TimeUnit.SECONDS)) {
        r.pipeline().shutdownNow();
        r.pipeline().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      r.pipeline().shutdownNow();
      interrupted = true;
    }
    closeQuietly(r.spool());
    closeQuietly(r.finishedFiles());
    // Last: the final counts stay scrapeable until everything is stopped.
    closeQuietly(metricsEndpoint);
    closeQuietly(r.lock());
    log.info("agent {} stopped: {}", credentials.agentId(), stats());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
    }
  }

  /** Builds an {@link Agent}; reads and checks the key file. */
  public static final class Builder {
    private AgentConfig config;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random;

    private Builder() {}

    public Builder config(AgentConfig config) {
      this.config = config;
      return this;
    }

    /** Times of generated events and of backoff bookkeeping. Default: the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Source of eventIDs filled in at intake, generated content and backoff jitter. Required. */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /** @throws IOException when the key file is missing or not a valid key file */
    public Agent build() throws IOException {
      Objects.requireNonNull(config, "config is required");
      Objects.requireNonNull(clock, "clock is required");
      Objects.requireNonNull(random, "random is required (a SecureRandom in production)");
      AgentCredentials credentials = AgentCredentials.read(config.keyFile());
      if (!AccountId.isValid(credentials.accountId())) {
        throw new IOException("agent key file " + config.keyFile() + " names account '" + credentials.accountId()
            + "', which is not a 12-digit account id");
      }
      try {
        credentials.signer().sign(0, java.util.List.of());
      } catch (RuntimeException e) {
        throw new IOException("agent key file " + config.keyFile() + " holds no usable Ed25519 private key: "
            + e.getMessage(), e);
      }
      return new Agent(config, credentials, clock, random);
    }
  }
}
