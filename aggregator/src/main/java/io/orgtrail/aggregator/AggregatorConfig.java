package io.orgtrail.aggregator;

import io.orgtrail.aggregator.access.AccessSettings;
import io.orgtrail.format.layout.KeyPrefix;
import io.orgtrail.format.layout.OrgId;
import io.orgtrail.format.layout.TrailName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link Aggregator} runs. Build it with {@link #builder()}; only {@code orgId}, {@code stateDir} and
 * {@code registryDir} have no default.
 *
 * @param listenHost address the gRPC server binds (default {@code 127.0.0.1})
 * @param port gRPC port; 0 picks a free one ({@link Aggregator#port()} tells which)
 * @param orgId organization id in object keys, e.g. {@code o-a1b2c3d4e5}
 * @param keyPrefix S3 key prefix before {@code AWSLogs/} (default none)
 * @param rollInterval how long a log file collects events before it is written (1 s to 1 h, default 5 min)
 * @param maxFileBytes a log file is written early when its uncompressed size reaches this (default 64 MiB)
 * @param maxRecordBytes largest accepted record (default 256 KiB, CloudTrail's own limit)
 * @param maxBatchBytes largest accepted batch, serialised (default 8 MiB)
 * @param maxBufferedBytes event bytes held in memory until written; beyond it the biggest open files are written
 *     early and, while the store cannot keep up, agents' streams are paused (default 256 MiB)
 * @param stateDir where per-agent sequence state is persisted
 * @param registryDir the registry of enrolled agents (shared with {@code orgtrail admin enroll})
 * @param writerThreads threads writing log files to the store (default 16: a write mostly waits for fsyncs or a
 *     MinIO round trip, and a short roll interval over many accounts and regions means many small files)
 * @param shutdownTimeout how long {@link Aggregator#close()} waits for open files to be written (default 30 s)
 * @param trail the trail's name, home region and management account: digest keys and the trail ARN carry them
 *     (default {@code orgtrail} in {@code us-east-1} owned by {@code 000000000000}: set your management account)
 * @param digestPeriod how long one digest covers (1 s to 1 h; default 1 h, as CloudTrail)
 * @param digestKeyFile the RSA digest signing keys (created on first start; default {@code <stateDir>/digest-keys.json})
 * @param apiHost address of the CloudTrail-compatible HTTP API (default {@code 127.0.0.1})
 * @param apiPort its port, 0 for any free one, or null (the default) for no API
 * @param access how to serve role-scoped read access over mutual TLS, or null (the default) for none
 * @param statsLogInterval how often the delivery summary is logged (default 1 min; zero: never)
 * @param compressionLevel gzip level of log files, 1 (fastest) to 9 (smallest); default 6, zlib's own default. On
 *     CloudTrail-shaped records level 1 compresses about twice as fast to files about a quarter larger
 */
public record AggregatorConfig(
    String listenHost,
    int port,
    String orgId,
    String keyPrefix,
    Duration rollInterval,
    long maxFileBytes,
    int maxRecordBytes,
    int maxBatchBytes,
    long maxBufferedBytes,
    Path stateDir,
    Path registryDir,
    int writerThreads,
    Duration shutdownTimeout,
    TrailName trail,
    Duration digestPeriod,
    Path digestKeyFile,
    String apiHost,
    Integer apiPort,
    AccessSettings access,
    Duration statsLogInterval,
    int compressionLevel) {

  public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
  public static final Duration DEFAULT_ROLL_INTERVAL = Duration.ofMinutes(5);
  public static final Duration MIN_ROLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_ROLL_INTERVAL = Duration.ofHours(1);
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
  public static final int DEFAULT_MAX_RECORD_BYTES = 256 << 10;
  public static final int DEFAULT_MAX_BATCH_BYTES = 8 << 20;
  /** The largest batch limit that still leaves room for the transport margin in an int. */
  public static final int MAX_MAX_BATCH_BYTES = 1 << 30;
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 256L << 20;
  public static final int DEFAULT_WRITER_THREADS = 16;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  public static final TrailName DEFAULT_TRAIL = new TrailName("orgtrail", "us-east-1", "000000000000");
  public static final Duration DEFAULT_DIGEST_PERIOD = Duration.ofHours(1);
  public static final Duration MIN_DIGEST_PERIOD = Duration.ofSeconds(1);
  public static final Duration MAX_DIGEST_PERIOD = Duration.ofHours(1);
  public static final String DIGEST_KEY_FILE_NAME = "digest-keys.json";
  public static final Duration DEFAULT_STATS_LOG_INTERVAL = Duration.ofMinutes(1);
  public static final int DEFAULT_COMPRESSION_LEVEL = 6;

  public AggregatorConfig {
    Objects.requireNonNull(listenHost, "listenHost");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not valid: use 0 (any free port) to 65535");
    }
    OrgId.require(orgId);
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    KeyPrefix.normalise(keyPrefix);
    Objects.requireNonNull(rollInterval, "rollInterval");
    if (rollInterval.compareTo(MIN_ROLL_INTERVAL) < 0 || rollInterval.compareTo(MAX_ROLL_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "roll interval " + rollInterval + " is out of range: use 1s to 1h (CloudTrail delivers about every 5m)");
    }
    positive(maxFileBytes, "maxFileBytes");
    positive(maxRecordBytes, "maxRecordBytes");
    positive(maxBatchBytes, "maxBatchBytes");
    positive(maxBufferedBytes, "maxBufferedBytes");
    positive(writerThreads, "writerThreads");
    if (maxBatchBytes > MAX_MAX_BATCH_BYTES) {
      throw new IllegalArgumentException(
          "maxBatchBytes " + maxBatchBytes + " is too large: use at most " + MAX_MAX_BATCH_BYTES);
    }
    if (maxRecordBytes > maxBatchBytes) {
      throw new IllegalArgumentException(
          "maxRecordBytes " + maxRecordBytes + " exceeds maxBatchBytes " + maxBatchBytes
              + ": a batch must be able to hold the largest record");
    }
    if (stateDir == null) {
      throw new IllegalArgumentException("stateDir is required: the directory for per-agent sequence state");
    }
    if (registryDir == null) {
      throw new IllegalArgumentException("registryDir is required: the directory of enrolled agents");
    }
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdownTimeout must not be negative");
    }
    trail = trail == null ? DEFAULT_TRAIL : trail;
    digestPeriod = digestPeriod == null ? DEFAULT_DIGEST_PERIOD : digestPeriod;
    if (digestPeriod.compareTo(MIN_DIGEST_PERIOD) < 0 || digestPeriod.compareTo(MAX_DIGEST_PERIOD) > 0
        || digestPeriod.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("digest period " + digestPeriod + " is out of range: use whole seconds "
          + "from 1s to 1h (CloudTrail writes a digest every hour)");
    }
    digestKeyFile = digestKeyFile == null ? stateDir.resolve(DIGEST_KEY_FILE_NAME) : digestKeyFile;
    apiHost = apiHost == null ? DEFAULT_LISTEN_HOST : apiHost;
    statsLogInterval = statsLogInterval == null ? DEFAULT_STATS_LOG_INTERVAL : statsLogInterval;
    if (statsLogInterval.isNegative()) {
      throw new IllegalArgumentException("statsLogInterval must not be negative (zero turns the summary off)");
    }
    if (compressionLevel < 1 || compressionLevel > 9) {
      throw new IllegalArgumentException("compression level " + compressionLevel
          + " is out of range: use 1 (fastest) to 9 (smallest files); 6 is the default");
    }
    if (apiPort != null && (apiPort < 0 || apiPort > 65535)) {
      throw new IllegalArgumentException("API port " + apiPort + " is not valid: use 0 (any free port) to 65535");
    }
  }

  /**
   * The gRPC server's inbound message limit: a bit above {@link #maxBatchBytes} so that a batch somewhat over the
   * limit still reaches the service and gets a BATCH_TOO_LARGE answer with a reason, instead of a transport error.
   */
  public int maxInboundMessageBytes() {
    return maxBatchBytes + Math.max(1 << 20, maxBatchBytes / 4);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .listenHost(listenHost)
        .port(port)
        .orgId(orgId)
        .keyPrefix(keyPrefix)
        .rollInterval(rollInterval)
        .maxFileBytes(maxFileBytes)
        .maxRecordBytes(maxRecordBytes)
        .maxBatchBytes(maxBatchBytes)
        .maxBufferedBytes(maxBufferedBytes)
        .stateDir(stateDir)
        .registryDir(registryDir)
        .writerThreads(writerThreads)
        .shutdownTimeout(shutdownTimeout)
        .trail(trail)
        .digestPeriod(digestPeriod)
        .digestKeyFile(digestKeyFile)
        .api(apiHost, apiPort)
        .access(access)
        .statsLogInterval(statsLogInterval)
        .compressionLevel(compressionLevel);
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  public static final class Builder {
    private String listenHost = DEFAULT_LISTEN_HOST;
    private int port;
    private String orgId;
    private String keyPrefix = "";
    private Duration rollInterval = DEFAULT_ROLL_INTERVAL;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
    private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
    private Path stateDir;
    private Path registryDir;
    private int writerThreads = DEFAULT_WRITER_THREADS;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private TrailName trail;
    private Duration digestPeriod;
    private Path digestKeyFile;
    private String apiHost;
    private Integer apiPort;
    private AccessSettings access;
    private Duration statsLogInterval;
    private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;

    private Builder() {}

    /** The gzip level of log files, 1 (fastest) to 9 (smallest). */
    public Builder compressionLevel(int compressionLevel) {
      this.compressionLevel = compressionLevel;
      return this;
    }

    /** How often the delivery summary is logged; zero turns it off. */
    public Builder statsLogInterval(Duration statsLogInterval) {
      this.statsLogInterval = statsLogInterval;
      return this;
    }

    /** Serve role-scoped read access over mutual TLS (null: none). */
    public Builder access(AccessSettings access) {
      this.access = access;
      return this;
    }

    public Builder trail(TrailName trail) {
      this.trail = trail;
      return this;
    }

    public Builder digestPeriod(Duration digestPeriod) {
      this.digestPeriod = digestPeriod;
      return this;
    }

    public Builder digestKeyFile(Path digestKeyFile) {
      this.digestKeyFile = digestKeyFile;
      return this;
    }

    /** Serve the CloudTrail-compatible API on {@code host:port} (port 0: any free one; null: no API). */
    public Builder api(String host, Integer port) {
      this.apiHost = host;
      this.apiPort = port;
      return this;
    }

    public Builder listenHost(String listenHost) {
      this.listenHost = listenHost;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder rollInterval(Duration rollInterval) {
      this.rollInterval = rollInterval;
      return this;
    }

    public Builder maxFileBytes(long maxFileBytes) {
      this.maxFileBytes = maxFileBytes;
      return this;
    }

    public Builder maxRecordBytes(int maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
      return this;
    }

    public Builder maxBatchBytes(int maxBatchBytes) {
      this.maxBatchBytes = maxBatchBytes;
      return this;
    }

    public Builder maxBufferedBytes(long maxBufferedBytes) {
      this.maxBufferedBytes = maxBufferedBytes;
      return this;
    }

    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    public Builder registryDir(Path registryDir) {
      this.registryDir = registryDir;
      return this;
    }

    public Builder writerThreads(int writerThreads) {
      this.writerThreads = writerThreads;
      return this;
    }

    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    public AggregatorConfig build() {
      return new AggregatorConfig(
          listenHost, port, orgId, keyPrefix, rollInterval, maxFileBytes, maxRecordBytes, maxBatchBytes,
          maxBufferedBytes, stateDir, registryDir, writerThreads, shutdownTimeout, trail, digestPeriod, digestKeyFile,
          apiHost, apiPort, access, statsLogInterval, compressionLevel);
    }
  }
}
