package io.orgtrail.cloudtrailapi;

import com.sun.net.httpserver.HttpServer;
import io.orgtrail.cloudtrailapi.auth.ApiCredentials;
import io.orgtrail.cloudtrailapi.auth.SigV4Verifier;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.history.EventHistory;
import io.orgtrail.format.digest.SigningKeyRing;
import io.orgtrail.format.ids.RandomUuids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small CloudTrail-compatible HTTP API (AWS JSON 1.1 protocol) describing one organization trail, so that the
 * unmodified AWS CLI can run {@code aws cloudtrail validate-logs} against orgtrail with
 * {@code AWS_ENDPOINT_URL_CLOUDTRAIL} and {@code AWS_ENDPOINT_URL_ORGANIZATIONS} set to {@link #endpoint()}. It serves
 * CloudTrail's DescribeTrails, GetTrail, GetTrailStatus and ListPublicKeys, and Organizations' DescribeOrganization.
 *
 * <p><b>Requests are not authenticated.</b> Botocore signs them with SigV4, and this server accepts any signature
 * (or none) without verifying it: it has no AWS credentials to verify against, and everything it serves is public
 * metadata (the trail's bucket and prefix, the organization id, and the <em>public</em> digest keys, which anyone
 * validating logs needs). It changes nothing. Only the region of the signature's credential scope is read, as
 * CloudTrail does, to tell the home region from shadow regions.
 *
 * <pre>{@code
 * try (CloudTrailApiServer api = CloudTrailApiServer.builder()
 *     .listen("0.0.0.0", 8089)
 *     .trail(new TrailDescription(trailName, "org-trail-logs", "", "o-a1b2c3d4e5"))
 *     .publicKeysFromKeyRing(keyFile)   // re-read on every ListPublicKeys call: keys rotate
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Requests run on a small fixed pool with a bounded queue; when both are full a new connection is closed
 * unanswered (botocore retries it). Request bodies are limited ({@link Builder#maxRequestBytes}).
 */
public final class CloudTrailApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CloudTrailApiServer.class);
  private static final int BACKLOG = 50;
  private static final int QUEUED_REQUESTS_PER_THREAD = 16;

  private final String host;
  private final int requestedPort;
  private final TrailDescription trail;
  private final int threads;
  private final JsonRpcHandler handler;

  private HttpServer server;
  private ThreadPoolExecutor executor;
  private boolean closed;

  private CloudTrailApiServer(Builder b) {
    this.host = b.host;
    this.requestedPort = b.port;
    this.trail = b.trail;
    this.threads = b.threads;
    OperationTable operations =
        OperationTable.forTrail(b.trail, b.publicKeys, b.status, b.managementAccountEmail, b.clock,
            new SigV4Verifier(b.credentials, b.clock), b.history, b.selectors);
    this.handler = new JsonRpcHandler(operations, b.maxRequestBytes, new RandomUuids(b.random));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the address and starts answering. */
  public synchronized CloudTrailApiServer start() throws IOException {
    if (server != null || closed) {
      throw new IllegalStateException("the CloudTrail API server was already started; build a new one");
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, requestedPort), BACKLOG);
    } catch (IOException e) {
      throw new IOException("the CloudTrail API cannot listen on " + host + ":" + requestedPort + ": " + e.getMessage()
          + "; choose another address or port", e);
    }
    AtomicInteger threadNumber = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(threads * QUEUED_REQUESTS_PER_THREAD),
        r -> {
          Thread t = new Thread(r, "orgtrail-cloudtrail-api-" + threadNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
    http.createContext("/", handler);
    http.setExecutor(executor);
    http.start();
    server = http;
    log.info("CloudTrail-compatible API for trail {} listening on {}", trail.trailArn(), endpoint());
    return this;
  }

  /** The bound port (useful after {@code listen(host, 0)}). */
  public synchronized int port() {
    return address().getPort();
  }

  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("the CloudTrail API server is not started; call start() first");
    }
    return server.getAddress();
  }

  /**
   * The URL to give the AWS CLI as {@code AWS_ENDPOINT_URL_CLOUDTRAIL} and {@code AWS_ENDPOINT_URL_ORGANIZATIONS},
   * e.g. {@code http://127.0.0.1:8089}; a wildcard listen address is given as the loopback address.
   */
  public synchronized URI endpoint() {
    InetSocketAddress a = address();
    InetAddress ip = a.getAddress();
    String h = ip.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : ip.getHostAddress();
    if (ip instanceof Inet6Address && !ip.isAnyLocalAddress()) {
      h = "[" + h.replaceFirst("%.*$", "") + "]";
    }
    return URI.create("http://" + h + ":" + a.getPort());
  }

  /** Stops answering at once and releases the port and the threads. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (server == null) {
      return;
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  /** Options of a {@link CloudTrailApiServer}; {@link #trail} and {@link #publicKeys} are required. */
  public static final class Builder {
    // AWS Organizations' pattern for an account email.
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    private String host = "127.0.0.1";
    private int port = 0;
    private TrailDescription trail;
    private Supplier<List<PublicKeyInfo>> publicKeys;
    private EventHistory history;
    private EventSelectorsStore selectors;
    private ApiCredentials credentials = ApiCredentials.NONE;
    private Supplier<TrailStatus> status = TrailStatus::logging;
    private String managementAccountEmail = "management-account@orgtrail.invalid";
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random;
    private int threads = 4;
    private int maxRequestBytes = 64 * 1024;

    private Builder() {}

    /** Where to listen; default 127.0.0.1 and port 0 (any free port, see {@link CloudTrailApiServer#port()}). */
    public Builder listen(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not valid: use 0 to 65535 (0 = any free port)");
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /** The trail served by every operation. Required. */
    public Builder trail(TrailDescription trail) {
      this.trail = Objects.requireNonNull(trail, "trail");
      return this;
    }

    /**
     * The keys whose SigV4 signatures the operations on events and selectors accept (LookupEvents,
     * Get/PutEventSelectors); the metadata operations need none. Default none: those operations refuse everyone.
     */
    public Builder credentials(ApiCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Serves LookupEvents from this event history; without it, LookupEvents is an unknown operation. */
    public Builder eventHistory(EventHistory history) {
      this.history = Objects.requireNonNull(history, "history");
      return this;
    }

    /**
     * Serves GetEventSelectors (any accepted key) and PutEventSelectors (a key that sees every account) over these
     * selectors; without them, both are unknown operations.
     */
    public Builder eventSelectors(EventSelectorsStore selectors) {
      this.selectors = Objects.requireNonNull(selectors, "selectors");
      return this;
    }

    /**
     * Every digest signing key ever used, with validity windows (e.g. {@code SigningKeyRing::publicKeys} of a freshly
     * loaded ring). Called on every ListPublicKeys request, from several threads at once, because keys rotate while
     * the server runs; an exception from it is answered as InternalFailure and logged. Required.
     */
    public Builder publicKeys(Supplier<List<PublicKeyInfo>> publicKeys) {
      this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
      return this;
    }

    /**
     * {@link #publicKeys} read from a {@link SigningKeyRing} file on every call, so that a rotation by the aggregator
     * or by {@code orgtrail admin} is served at once. A file that cannot be read is answered as InternalFailure.
     */
    public Builder publicKeysFromKeyRing(Path keyRingFile) {
      Objects.requireNonNull(keyRingFile, "keyRingFile");
      return publicKeys(() -> {
        try {
          return SigningKeyRing.load(keyRingFile).publicKeys();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }

    /** What GetTrailStatus answers, asked on every call (from several threads); default: logging, nothing else known. */
    public Builder status(Supplier<TrailStatus> status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** DescribeOrganization's MasterAccountEmail; default {@code management-account@orgtrail.invalid}. */
    public Builder managementAccountEmail(String email) {
      if (email == null || !EMAIL.matcher(email).matches()) {
        throw new IllegalArgumentException("management account email '" + email + "' is not an email address");
      }
      this.managementAccountEmail = email;
      return this;
    }

    /** "Now" for ListPublicKeys' default time range; default the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Source of request ids; default a {@link SecureRandom}. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Requests answered at the same time; default 4. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads " + threads + " is not valid: use 1 to 64");
      }
      this.threads = threads;
      return this;
    }

    /** Larger request bodies are answered 413 SerializationException; default 64 KiB. */
    public Builder maxRequestBytes(int maxRequestBytes) {
      if (maxRequestBytes < 2 || maxRequestBytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxRequestBytes " + maxRequestBytes + " is not valid: use 2 bytes to 16 MiB");
      }
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    public CloudTrailApiServer build() {
      if (trail == null) {
        throw new IllegalStateException("trail(...) is required: the CloudTrail API describes one organization trail");
      }
      if (publicKeys == null) {
        throw new IllegalStateException("publicKeys(...) is required: ListPublicKeys needs the digest signing keys, "
            + "e.g. publicKeysFromKeyRing(keyFile)");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new CloudTrailApiServer(this);
    }
  }
}
