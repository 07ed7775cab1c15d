package io.orgtrail.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private MetricsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheRegistryInPrometheusTextFormat() throws Exception {
    registry.counter("orgtrail.test.events", "kind", "written").increment(3);
    server = MetricsServer.builder().listen("127.0.0.1", 0).registry(registry).build().start();

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body()).contains("# TYPE orgtrail_test_events_total counter")
        .contains("orgtrail_test_events_total{kind=\"written\"} 3.0");
  }

  @Test
  void livenessIsOkWhileReadinessFollowsTheChecks() throws Exception {
    AtomicReference<HealthCheck.Result> store =
        new AtomicReference<>(HealthCheck.Result.failing("the last 3 puts failed: connection refused"));
    server = MetricsServer.builder().listen("127.0.0.1", 0).registry(registry)
        .healthCheck("store", store::get)
        .healthCheck("server", HealthCheck.Result::ok)
        .build().start();

    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/healthz").body()).isEqualTo("ok\n");
    HttpResponse<String> notReady = get("/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("store: the last 3 puts failed: connection refused\n");

    store.set(HealthCheck.Result.ok());

    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\n");
  }

  @Test
  void aCheckThatThrowsCountsAsFailing() throws Exception {
    server = MetricsServer.builder().listen("127.0.0.1", 0).registry(registry)
        .healthCheck("broken", () -> {
          throw new IllegalStateException("no state yet");
        })
        .build().start();

    HttpResponse<String> r = get("/readyz");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("broken: the check threw").contains("no state yet");
  }

  @Test
  void unknownPathsAndMethodsAreRefused() throws Exception {
    server = MetricsServer.builder().listen("127.0.0.1", 0).registry(registry).build().start();

    assertThat(get("/metricsx").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void aBusyPortIsReportedWithTheAddress() throws Exception {
    server = MetricsServer.builder().listen("127.0.0.1", 0).registry(registry).build().start();
    MetricsServer second = MetricsServer.builder().listen("127.0.0.1", server.port()).registry(registry).build();

    assertThatThrownBy(second::start).isInstanceOf(IOException.class)
        .hasMessageContaining("127.0.0.1:" + server.port());
  }

  @Test
  void closedServerNoLongerAnswers() throws Exception {
    server = MetricsServer.builder().listen("127.0.0.1", 0).registry(registry).build().start();
    int port = server.port();
    server.close();

    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
        .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    server = null;
  }
}
