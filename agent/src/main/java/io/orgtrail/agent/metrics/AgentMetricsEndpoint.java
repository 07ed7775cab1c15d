package io.orgtrail.agent.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.agent.ListenAddress;
import io.orgtrail.observability.HealthCheck;
import io.orgtrail.observability.MetricsServer;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's metrics and health endpoint: its own registry with {@link AgentMetrics}, served by a
 * {@link MetricsServer} (one thread). Only created when a metrics address is configured, so that an agent without
 * one keeps neither meters nor the classes behind them.
 */
public final class AgentMetricsEndpoint implements AutoCloseable {
  private final AgentMetrics metrics;
  private final MetricsServer server;

  private AgentMetricsEndpoint(AgentMetrics metrics, MetricsServer server) {
    this.metrics = metrics;
    this.server = server;
  }

  /**
   * @param checks readiness conditions by name
   * @throws IOException when the address cannot be bound
   */
  public static AgentMetricsEndpoint start(ListenAddress address, Supplier<AgentStats> stats,
      Map<String, HealthCheck> checks) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AgentMetrics metrics = new AgentMetrics(registry, stats);
    MetricsServer.Builder b = MetricsServer.builder().listen(address.host(), address.port()).registry(registry);
    checks.forEach(b::healthCheck);
    return new AgentMetricsEndpoint(metrics, b.build().start());
  }

  /** A batch was acknowledged this long after it was spooled. */
  public void acknowledged(long millis) {
    metrics.acknowledged(millis);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
