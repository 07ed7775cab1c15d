package io.orgtrail.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link Agent} needs to run. Build with {@link #builder()}; only the key file, the aggregator and
 * the state directory have no default, and at least one source (watch directory, HTTP endpoint or generator)
 * should be set for the agent to have anything to ship.
 *
 * @param keyFile the agent's key file from {@code orgtrail admin enroll} (read with {@code AgentCredentials.read})
 * @param aggregator the aggregator's gRPC address, {@code host:port}
 * @param stateDir where the agent keeps its spool ({@code <stateDir>/spool/<agentId>/}), its sequence number bound,
 *     the list of finished files and the digest chain heads it witnessed
 * @param watchDir a directory of CloudTrail files to ship, each read once
 * @param httpListen where the PutAuditEvents-compatible endpoint listens
 * @param generator settings of the built-in event generator
 * @param maxBatchEvents a batch closes at this many events
 * @param maxBatchBytes a batch closes before it would exceed this many bytes of records
 * @param maxBatchDelay a batch closes this long after its first event arrived
 * @param maxInFlightBytes bytes of records the agent holds in memory: records handed over but not yet in the spool
 *     (sources are slowed down beyond it: file reading pauses, the HTTP endpoint answers 503), and, separately, the
 *     content of spooled batches kept in memory until first sent (beyond it they are read back from the spool)
 * @param pollInterval how often the watch directory is listed
 * @param initialBackoff first wait before reconnecting to the aggregator; doubles up to {@code maxBackoff}
 * @param maxBackoff longest wait between reconnect attempts
 * @param closeTimeout how long {@link Agent#close()} waits for unacknowledged batches to be acknowledged (what is
 *     not acknowledged then stays in the spool and is sent at the next start)
 * @param spoolMaxBytes the most disk the spool's segment files may take (default 1 GiB). When unacknowledged
 *     batches fill it, PutAuditEvents answers 503 with Retry-After and the directory source pauses, until
 *     acknowledgements let segments be deleted. Acknowledgements can take as long as the aggregator's roll
 *     interval (5 minutes by default), and an aggregator outage as long as it lasts: size it for that traffic.
 * @param spoolFsyncInterval {@link Duration#ZERO} (the default, {@code spool.fsync: batch}): the spool is forced to
 *     disk as soon as a batch (or the group of batches at hand) is written, before sources are told their events
 *     were accepted. Above zero (e.g. 100 ms): group commit, at most one fsync per interval; sources still wait for
 *     the fsync that covers their events, so this trades latency for fewer fsyncs, never durability.
 * @param statsLogInterval how often the agent logs its delivery state at INFO (spool depth and age, resends,
 *     acknowledgement latency, refusals); {@link Duration#ZERO} turns the line off
 * @param metricsListen where {@code GET /metrics} (Prometheus), {@code /healthz} and {@code /readyz} are served;
 *     empty (the default): no endpoint, and no meters kept
 */
public record AgentConfig(
    Path keyFile,
    String aggregator,
    Path stateDir,
    Optional<Path> watchDir,
    Optional<ListenAddress> httpListen,
    Optional<GeneratorSettings> generator,
    int maxBatchEvents,
    int maxBatchBytes,
    Duration maxBatchDelay,
    long maxInFlightBytes,
    Duration pollInterval,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration closeTimeout,
    long spoolMaxBytes,
    Duration spoolFsyncInterval,
    Duration statsLogInterval,
    Optional<ListenAddress> metricsListen) {

  public static final int DEFAULT_MAX_BATCH_EVENTS = 500;
  public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;
  public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofSeconds(1);
  public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64L * 1024 * 1024;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_SPOOL_MAX_BYTES = 1024L * 1024 * 1024;
  /** {@code spool.fsync: batch}: fsync before every source acknowledgement. */
  public static final Duration DEFAULT_SPOOL_FSYNC_INTERVAL = Duration.ZERO;
  /** Group commits further apart than this would make every source wait too long. */
  public static final Duration MAX_SPOOL_FSYNC_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_STATS_LOG_INTERVAL = Duration.ofMinutes(1);
  /** Largest spool segment; smaller spools get segments of a sixteenth of their size, at least 4 KiB. */
  public static final long MAX_SPOOL_SEGMENT_BYTES = 64L * 1024 * 1024;
  /**
   * gRPC refuses messages over 4 MiB by default; a batch also carries its signature and framing, so its records
   * must stay a little below that.
   */
  public static final int MAX_BATCH_BYTES_LIMIT = 4 * 1024 * 1024 - 64 * 1024;

  public AgentConfig {
    Objects.requireNonNull(keyFile, "keyFile is required: the agent's key file from 'orgtrail admin enroll'");
    Objects.requireNonNull(stateDir, "stateDir is required: a directory the agent may write its state to");
    Objects.requireNonNull(aggregator, "aggregator is required: the aggregator's host:port");
    parsePort(aggregator);
    watchDir = Objects.requireNonNullElse(watchDir, Optional.empty());
    httpListen = Objects.requireNonNullElse(httpListen, Optional.empty());
    metricsListen = Objects.requireNonNullElse(metricsListen, Optional.empty());
    generator = Objects.requireNonNullElse(generator, Optional.empty());
    if (maxBatchEvents < 1) {
      throw new IllegalArgumentException("maxBatchEvents must be at least 1, got " + maxBatchEvents);
    }
    if (maxBatchBytes < 1 || maxBatchBytes > MAX_BATCH_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxBatchBytes must be 1 to " + MAX_BATCH_BYTES_LIMIT + " (gRPC's message limit), got " + maxBatchBytes);
    }
    requirePositive(maxBatchDelay, "maxBatchDelay");
    if (maxInFlightBytes < maxBatchBytes) {
      throw new IllegalArgumentException(
          "maxInFlightBytes (" + maxInFlightBytes + ") must be at least maxBatchBytes (" + maxBatchBytes + ")");
    }
    requirePositive(pollInterval, "pollInterval");
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
    }
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout must not be negative, got " + closeTimeout);
    }
    if (spoolMaxBytes < maxBatchBytes) {
      throw new IllegalArgumentException("spoolMaxBytes (" + spoolMaxBytes + ") must be at least maxBatchBytes ("
          + maxBatchBytes + "): the spool must hold at least one batch");
    }
    Objects.requireNonNull(spoolFsyncInterval, "spoolFsyncInterval");
    if (spoolFsyncInterval.isNegative() || spoolFsyncInterval.compareTo(MAX_SPOOL_FSYNC_INTERVAL) > 0) {
      throw new IllegalArgumentException("spoolFsyncInterval must be 0 (fsync per batch) to "
          + MAX_SPOOL_FSYNC_INTERVAL.toSeconds() + "s, got " + spoolFsyncInterval);
    }
    Objects.requireNonNull(statsLogInterval, "statsLogInterval");
    if (statsLogInterval.isNegative()) {
      throw new IllegalArgumentException("statsLogInterval must not be negative (0 turns it off), got "
          + statsLogInterval);
    }
  }

  /** The spool's directory for an agent: {@code <stateDir>/spool/<agentId>}. */
  public Path spoolDir(String agentId) {
    return stateDir.resolve("spool").resolve(agentId);
  }

  /** The size at which the spool starts a new segment: a sixteenth of {@link #spoolMaxBytes()}, 4 KiB to 64 MiB. */
  public long spoolSegmentBytes() {
    return Math.max(4096, Math.min(MAX_SPOOL_SEGMENT_BYTES, spoolMaxBytes / 16));
  }

  /** The host part of {@link #aggregator()} (brackets of an IPv6 literal removed). */
  public String aggregatorHost() {
    String host = aggregator.substring(0, aggregator.lastIndexOf(':'));
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  public int aggregatorPort() {
    return parsePort(aggregator);
  }

  private static int parsePort(String target) {
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException(
          "aggregator '" + target + "' is not host:port (for example 127.0.0.1:7700)");
    }
    try {
      int port = Integer.parseInt(target.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "aggregator '" + target + "': the port must be a number from 1 to 65535");
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be above zero, got " + d);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts from the defaults; {@link #build()} checks the values. */
  public static final class Builder {
    private Path keyFile;
    private String aggregator;
    private Path stateDir;
    private Path watchDir;
    private ListenAddress httpListen;
    private ListenAddress metricsListen;
    private GeneratorSettings generator;
    private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;
    private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
    private Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;
    private long maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT_BYTES;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private long spoolMaxBytes = DEFAULT_SPOOL_MAX_BYTES;
    private Duration spoolFsyncInterval = DEFAULT_SPOOL_FSYNC_INTERVAL;
    private Duration statsLogInterval = DEFAULT_STATS_LOG_INTERVAL;

    private Builder() {}

    public Builder keyFile(Path keyFile) {
      this.keyFile = keyFile;
      return this;
    }

    /** The aggregator's gRPC address, {@code host:port}. */
    public Builder aggregator(String hostPort) {
      this.aggregator = hostPort;
      return this;
    }

    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    public Builder watchDir(Path watchDir) {
      this.watchDir = watchDir;
      return this;
    }

    /** Serves the PutAuditEvents-compatible endpoint on {@code host:port}; port 0 picks a free port. */
    public Builder httpListen(String host, int port) {
      this.httpListen = new ListenAddress(host, port);
      return this;
    }

    /** Serves metrics and health endpoints on {@code host:port}; port 0 picks a free port. Default: none. */
    public Builder metricsListen(String host, int port) {
      this.metricsListen = new ListenAddress(host, port);
      return this;
    }

    public Builder generator(GeneratorSettings generator) {
      this.generator = generator;
      return this;
    }

    public Builder maxBatchEvents(int maxBatchEvents) {
      this.maxBatchEvents = maxBatchEvents;
      return this;
    }

    public Builder maxBatchBytes(int maxBatchBytes) {
      this.maxBatchBytes = maxBatchBytes;
      return this;
    }

    public Builder maxBatchDelay(Duration maxBatchDelay) {
      this.maxBatchDelay = maxBatchDelay;
      return this;
    }

    public Builder maxInFlightBytes(long maxInFlightBytes) {
      this.maxInFlightBytes = maxInFlightBytes;
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /** Reconnect waits start at {@code initial} and double up to {@code max}, each shortened by random jitter. */
    public Builder reconnectBackoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
      return this;
    }

    /** The most disk the spool may take. Default 1 GiB. */
    public Builder spoolMaxBytes(long spoolMaxBytes) {
      this.spoolMaxBytes = spoolMaxBytes;
      return this;
    }

    /** {@code spool.fsync: batch} (the default): fsync before every source acknowledgement. */
    public Builder spoolFsyncEveryBatch() {
      this.spoolFsyncInterval = Duration.ZERO;
      return this;
    }

    /**
     * {@code spool.fsync: <interval>}: group commit, at most one fsync per {@code interval} (0 = every batch); sources
     * still wait for the fsync that covers their events.
     */
    public Builder spoolFsyncInterval(Duration interval) {
      this.spoolFsyncInterval = interval;
      return this;
    }

    /** How often the delivery state is logged at INFO; 0 turns it off. Default 1 minute. */
    public Builder statsLogInterval(Duration interval) {
      this.statsLogInterval = interval;
      return this;
    }

    public AgentConfig build() {
      return new AgentConfig(
          keyFile,
          aggregator,
          stateDir,
          Optional.ofNullable(watchDir),
          Optional.ofNullable(httpListen),
          Optional.ofNullable(generator),
          maxBatchEvents,
          maxBatchBytes,
          maxBatchDelay,
          maxInFlightBytes,
          pollInterval,
          initialBackoff,
          maxBackoff,
          closeTimeout,
          spoolMaxBytes,
          spoolFsyncInterval,
          statsLogInterval,
          Optional.ofNullable(metricsListen));
    }
  }
}
