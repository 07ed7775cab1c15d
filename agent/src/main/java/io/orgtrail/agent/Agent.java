package io.orgtrail.agent;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.orgtrail.agent.batch.BatchSealer;
import io.orgtrail.agent.batch.Batcher;
import io.orgtrail.agent.batch.SequenceFile;
import io.orgtrail.agent.intake.InFlightBudget;
import io.orgtrail.agent.intake.Intake;
import io.orgtrail.agent.ship.Backoff;
import io.orgtrail.agent.ship.LastError;
import io.orgtrail.agent.ship.Shipper;
import io.orgtrail.agent.ship.ShipperStats;
import io.orgtrail.agent.source.directory.DirectorySource;
import io.orgtrail.agent.source.directory.FinishedFiles;
import io.orgtrail.agent.source.generator.EventGenerator;
import io.orgtrail.agent.source.http.PutAuditEventsEndpoint;
import io.orgtrail.agent.state.StateDirLock;
import io.orgtrail.agent.witness.ChainHeadKeeper;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.record.RecordRules;
import java.io.IOException;
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
 * PutAuditEvents-compatible HTTP endpoint, a generator), checks them, batches and signs them, and streams them to
 * the aggregator, keeping every batch until the aggregator acknowledges it.
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

  private final AgentConfig config;
  private final AgentCredentials credentials;
  private final Clock clock;
  private final RandomGenerator random;
  private final LastError lastError = new LastError();

  // Set by start(); read by stats() from any thread.
  private volatile Running running;
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
      InFlightBudget budget,
      Shipper shipper,
      BatchSealer sealer,
      Batcher batcher,
      Intake intake,
      PutAuditEventsEndpoint endpoint,
      ChainHeadKeeper witnesses,
      FinishedFiles finishedFiles,
      DirectorySource directory,
      EventGenerator generator) {}

  /**
   * Claims the state directory, opens the stream to the aggregator (connecting in the background) and starts the
   * configured sources.
   *
   * @throws IOException when the state directory cannot be used or the HTTP endpoint cannot listen
   */
  public synchronized void start() throws IOException {
    if (started) {
      throw new IllegalStateException("the agent was started already; build a new one to start again");
    }
    started = true;
    StateDirLock lock = StateDirLock.acquire(config.stateDir());
    ScheduledThreadPoolExecutor pipeline = null;
    Shipper shipper = null;
    PutAuditEventsEndpoint endpoint = null;
    FinishedFiles finishedFiles = null;
    try {
      SequenceFile sequences = SequenceFile.open(config.stateDir(), credentials.agentId());
      pipeline = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "orgtrail-agent-pipeline");
        t.setDaemon(true);
        return t;
      });
      pipeline.setRemoveOnCancelPolicy(true);
      InFlightBudget budget = new InFlightBudget(config.maxInFlightBytes());
      ManagedChannel channel = NettyChannelBuilder.forAddress(config.aggregatorHost(), config.aggregatorPort())
          .usePlaintext()
          .build();
      ChainHeadKeeper witnesses = new ChainHeadKeeper(config.stateDir().resolve("witness"), credentials.accountId());
      shipper = new Shipper(channel, config.aggregator(), pipeline,
          new Backoff(config.initialBackoff(), config.maxBackoff(), random), clock,
          (batch, acknowledged) -> {
            budget.release(batch.bytes(), batch.events());
            batch.notifyListeners(acknowledged);
          },
          witnesses,
          lastError);
      BatchSealer sealer = new BatchSealer(sequences, credentials.signer(), shipper::ship, pipeline, lastError);
      Batcher batcher = new Batcher(
          config.maxBatchEvents(), config.maxBatchBytes(), config.maxBatchDelay(), pipeline, sealer);
      Intake intake =
          new Intake(new RecordRules(), credentials.accountId(), new RandomUuids(random), budget, batcher);
      shipper.start();

      if (config.httpListen().isPresent()) {
        endpoint = PutAuditEventsEndpoint.start(config.httpListen().get(), intake);
      }
      DirectorySource directory = null;
      if (config.watchDir().isPresent()) {
        finishedFiles = FinishedFiles.open(config.stateDir());
        directory = new DirectorySource(config.watchDir().get(), config.pollInterval(), intake, finishedFiles);
      }
      EventGenerator generator = config.generator()
          .map(g -> new EventGenerator(g, credentials.accountId(), intake, clock, random))
          .orElse(null);
      running = new Running(lock, pipeline, budget, shipper, sealer, batcher, intake, endpoint, witnesses, finishedFiles,
          directory, generator);
      if (directory != null) {
        directory.start();
      }
      if (generator != null) {
        generator.start();
      }
      log.info("agent {} for account {} started: aggregator {}{}{}{}", credentials.agentId(),
          credentials.accountId(), config.aggregator(),
          directory != null ? ", watching " + config.watchDir().get() : "",
          endpoint != null ? ", PutAuditEvents on port " + endpoint.port() : "",
          generator != null ? ", generating " + config.generator().get().eventsPerSecond() + " events/s" : "");
    } catch (IOException | RuntimeException e) {
      closeQuietly(endpoint);
      if (shipper != null) {
        closeQuietly(shipper);
      }
      if (pipeline != null) {
        pipeline.shutdownNow();
      }
      closeQuietly(finishedFiles);
      closeQuietly(lock);
      throw e;
    }
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
    Map<String, Long> rejected = r.intake().rejectedByProblem();
    long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
    DirectorySource d = r.directory();
    EventGenerator g = r.generator();
    return new AgentStats(
        r.intake().acceptedCount(),
        rejectedTotal,
        rejected,
        s.batchesSent(),
        s.resends(),
        s.eventsAcknowledged(),
        s.eventsRejected(),
        s.batchesRejected(),
        s.pendingBatches() + r.sealer().queued(),
        r.budget().events(),
        r.budget().bytes(),
        s.connected(),
        lastError.get(),
        d == null ? 0 : d.filesFinished(),
        d == null ? 0 : d.filesFailed(),
        d == null ? 0 : d.filesPending(),
        g == null ? 0 : g.generated(),
        g == null || g.done(),
        r.witnesses().kept());
  }

  /**
   * Stops the sources, closes the open batch, waits up to {@link AgentConfig#closeTimeout()} for unacknowledged
   * batches to be acknowledged, then ends the stream. What is still unacknowledged then is given up (files it came
   * from are read again at the next start).
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
    closeQuietly(r.shipper());
    r.pipeline().shutdownNow();
    try {
      r.pipeline().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    closeQuietly(r.finishedFiles());
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
