package io.orgtrail.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for monitoring: {@code GET /metrics} (Prometheus text format from the registry),
 * {@code GET /healthz} (liveness: 200 {@code ok} while the process runs) and {@code GET /readyz} (readiness: 200
 * when every registered {@link HealthCheck} passes, else 503 with one line per failing check).
 *
 * <pre>{@code
 * MetricsServer server = MetricsServer.builder().listen("0.0.0.0", 9464).registry(registry)
 *     .healthCheck("store", () -> ...).build().start();
 * ... server.port() ...
 * server.close();
 * }</pre>
 *
 * Runs on one thread of its own (the JDK server's dispatcher, which also answers): scrapes are rare and cheap,
 * health checks must not block, and agents count their threads.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  private final String host;
  private final int port;
  private final PrometheusMeterRegistry registry;
  private final Map<String, HealthCheck> checks;
  private HttpServer server;

  private MetricsServer(Builder b) {
    this.host = Objects.requireNonNull(b.host, "host");
    this.port = b.port;
    this.registry = Objects.requireNonNull(b.registry, "registry is required");
    this.checks = Map.copyOf(b.checks);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds and serves.
   *
   * @throws IOException when the address cannot be bound (the message names it)
   */
  public synchronized MetricsServer start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IOException("cannot serve metrics on " + host + ":" + port + " (" + e.getMessage()
          + "); choose another metrics listen address or stop the process using it", e);
    }
    s.createContext("/metrics", exchange -> serve(exchange, this::metrics));
    s.createContext("/healthz", exchange -> serve(exchange, () -> new Reply(200, PLAIN_TEXT, "ok\n")));
    s.createContext("/readyz", exchange -> serve(exchange, this::readiness));
    // No executor: requests are answered on the server's own dispatcher thread, the only thread this adds.
    s.setExecutor(null);
    s.start();
    server = s;
    log.info("metrics on http://{}:{}/metrics (health: /healthz, /readyz)", host, port());
    return this;
  }

  /** The bound port (the actual one when 0 was asked for). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the metrics server is not started");
    }
    return server.getAddress().getPort();
  }

  /** The readiness checks' failures now, one message per failing check (empty: ready). */
  public List<String> failingChecks() {
    List<String> failing = new ArrayList<>();
    checks.forEach((name, check) -> {
      HealthCheck.Result r;
      try {
        r = check.check();
      } catch (RuntimeException e) {
        r = HealthCheck.Result.failing("the check threw " + e);
      }
      if (!r.healthy()) {
        failing.add(name + ": " + r.message());
      }
    });
    failing.sort(null);
    return failing;
  }

  private Reply metrics() {
    return new Reply(200, PROMETHEUS_TEXT, registry.scrape());
  }

  private Reply readiness() {
    List<String> failing = failingChecks();
    if (failing.isEmpty()) {
      return new Reply(200, PLAIN_TEXT, "ready\n");
    }
    return new Reply(503, PLAIN_TEXT, String.join("\n", failing) + "\n");
  }

  private record Reply(int status, String contentType, String body) {}

  private interface Handler {
    Reply handle();
  }

  private static void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      Reply reply;
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply = new Reply(405, PLAIN_TEXT, "only GET and HEAD are supported here, not " + method + "\n");
      } else if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        reply = new Reply(404, PLAIN_TEXT, "no such path; try /metrics, /healthz or /readyz\n");
      } else {
        try {
          reply = handler.handle();
        } catch (RuntimeException e) {
          log.warn("{} failed: {}", exchange.getRequestURI(), e.toString());
          reply = new Reply(500, PLAIN_TEXT, "internal error: " + e + "\n");
        }
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      boolean head = "HEAD".equals(method);
      exchange.sendResponseHeaders(reply.status(), head ? -1 : body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** Stops serving at once (scrapes in progress are cut short). */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.stop(0);
    server = null;
  }

  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private PrometheusMeterRegistry registry;
    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();

    private Builder() {}

    /** Where to listen; default 127.0.0.1 and any free port (0). */
    public Builder listen(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("metrics port must be 0-65535 (0: any free port), not " + port);
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /** A readiness condition, named in {@code /readyz}'s answer when it fails; repeatable, names unique. */
    public Builder healthCheck(String name, HealthCheck check) {
      Objects.requireNonNull(check, "check");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a health check needs a name");
      }
      if (checks.putIfAbsent(name, check) != null) {
        throw new IllegalArgumentException("two health checks are named " + name);
      }
      return this;
    }

    public MetricsServer build() {
      return new MetricsServer(this);
    }
  }
}
