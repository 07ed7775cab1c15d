package io.orgtrail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.testing.PutAuditEventsClient;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's metrics and health endpoint over real HTTP, the agent shipping to a stand-in aggregator. */
class AgentMetricsTest {
  private static final String ACCOUNT = "111122223333";
  private static final String OTHER = "444455556666";

  @TempDir Path dir;
  private final TestIngestServer server = new TestIngestServer();
  private final HttpClient http = HttpClient.newHttpClient();
  private AgentCredentials credentials;
  private Agent agent;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    credentials = TestKeys.write(dir.resolve("key.json"), "00000000000000b2", ACCOUNT);
    server.enroll(credentials);
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
    server.close();
  }

  private Agent start(boolean metrics) throws Exception {
    AgentConfig.Builder b = AgentConfig.builder()
        .keyFile(dir.resolve("key.json"))
        .aggregator(server.target())
        .stateDir(dir.resolve("state"))
        .httpListen("127.0.0.1", 0)
        .maxBatchEvents(10)
        .maxBatchDelay(Duration.ofMillis(100))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .closeTimeout(Duration.ofSeconds(5));
    if (metrics) {
      b.metricsListen("127.0.0.1", 0);
    }
    agent = Agent.builder().config(b.build()).clock(Clock.systemUTC()).random(new Random(7)).build();
    agent.start();
    return agent;
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.metricsPort() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of one series of {@code /metrics}, e.g. {@code orgtrail_agent_connected}. */
  private double sample(String series) {
    String text = get("/metrics").body();
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("no series " + series + " in:\n" + text);
  }

  @Test
  void metricsShowAcceptedAcknowledgedAndRefusedEvents() throws Exception {
    start(true);
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      records.add(TestRecords.json(ACCOUNT, "us-east-1", "m-" + i));
    }
    records.add(TestRecords.json(OTHER, "us-east-1", "wrong-account"));
    PutAuditEventsClient.Response r = new PutAuditEventsClient(agent.httpPort()).put(PutAuditEventsClient.body(records));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().path("successful").size()).isEqualTo(25);

    // Three batches (10 + 10 + 5), each timed when its acknowledgement arrives.
    Await.until(() -> sample("orgtrail_agent_ack_latency_seconds_count") == 3, () -> get("/metrics").body());
    Await.until(() -> sample("orgtrail_agent_spool_batches") == 0, () -> get("/metrics").body());
    assertThat(sample("orgtrail_agent_events_accepted_total")).isEqualTo(25);
    assertThat(sample("orgtrail_agent_events_acknowledged_total")).isEqualTo(25);
    assertThat(sample("orgtrail_agent_events_rejected_at_intake_total{problem=\"wrong_account\"}")).isEqualTo(1);
    assertThat(sample("orgtrail_agent_events_rejected_at_intake_total{problem=\"malformed_json\"}")).isZero();
    assertThat(sample("orgtrail_agent_batches_sent_total")).isEqualTo(3);
    assertThat(sample("orgtrail_agent_batches_rejected_total")).isZero();
    assertThat(sample("orgtrail_agent_connected")).isEqualTo(1);
    assertThat(sample("orgtrail_agent_pending_events")).isZero();
    assertThat(get("/metrics").body()).contains("orgtrail_agent_ack_latency_seconds_bucket{le=");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void notReadyWhileTheAggregatorIsDownAndReadyOnceConnected() throws Exception {
    start(true);
    Await.until(() -> get("/readyz").statusCode() == 200, () -> get("/readyz").body());

    server.stop();

    Await.until(() -> get("/readyz").statusCode() == 503, () -> get("/readyz").body());
    assertThat(get("/readyz").body()).startsWith("aggregator: not connected to the aggregator at " + server.target())
        .doesNotContain("spool:");
    assertThat(sample("orgtrail_agent_connected")).isZero();
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    server.restart();

    Await.until(() -> get("/readyz").statusCode() == 200, () -> get("/readyz").body());
    assertThat(get("/readyz").body()).isEqualTo("ready\n");
  }

  @Test
  void noEndpointUnlessConfigured() throws Exception {
    start(false);

    assertThat(agent.metricsPort()).isEqualTo(-1);
  }
}
