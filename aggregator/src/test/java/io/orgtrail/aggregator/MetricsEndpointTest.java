package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.aggregator.metrics.MetricFilter;
import io.orgtrail.notify.pattern.EventPattern;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.BatchRejection;
import io.orgtrail.proto.v1.EventProblem;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real aggregator with its metrics endpoint on loopback, fed real signed batches over gRPC. */
class MetricsEndpointTest {
  private static final String ORG = "o-metrics0001";
  private static final String ACCOUNT = "111122223333";
  private static final String OTHER = "999988887777";
  private static final String AGG = "orgtrail_aggregator_";

  @TempDir Path dir;
  private Aggregator aggregator;
  private TestAgent agent;
  private TestStream stream;

  @AfterEach
  void stop() throws Exception {
    if (stream != null) {
      stream.close();
    }
    if (agent != null) {
      agent.close();
    }
    if (aggregator != null) {
      aggregator.close();
    }
  }

  private Scrape start(ObjectStore store, MetricFilter... filters) throws Exception {
    AggregatorConfig config = AggregatorConfig.builder()
        .orgId(ORG)
        .port(0)
        .rollInterval(Duration.ofSeconds(1))
        .stateDir(dir.resolve("state"))
        .registryDir(dir.resolve("registry"))
        .build();
    Aggregator.Builder b = Aggregator.builder().config(config).store(store).metricsListen("127.0.0.1", 0);
    for (MetricFilter f : filters) {
      b.metricFilter(f);
    }
    aggregator = b.build();
    aggregator.start();
    agent = new TestAgent(aggregator.registry().enroll(ACCOUNT, new SecureRandom()), aggregator.port(),
        new Timeline());
    stream = agent.open();
    return new Scrape(aggregator.metricsPort().orElseThrow());
  }

  private static String record(String account, String eventName, String identityType, String eventId) {
    return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"" + identityType + "\",\"accountId\":\""
        + account + "\"},\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"ec2.amazonaws.com\","
        + "\"eventName\":\"" + eventName + "\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"10.0.0.1\","
        + "\"eventID\":\"" + eventId + "\",\"readOnly\":true,\"recipientAccountId\":\"" + account + "\"}";
  }

  @Test
  void metricsShowWrittenEventsFilesRejectionsByReasonAndMetricFilterMatches() throws Exception {
    Scrape scrape = start(new LocalDirectoryStore(dir.resolve("bucket")),
        new MetricFilter("run-instances", EventPattern.parse(
            "{\"source\":[\"aws.ec2\"],\"detail\":{\"eventName\":[\"RunInstances\"]}}")),
        new MetricFilter("root-activity", EventPattern.parse("{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}")),
        new MetricFilter("never", EventPattern.parse("{\"detail\":{\"eventName\":[\"DeleteTrail\"]}}")));

    Ack written = stream.exchange(agent.batch(1, List.of(
        record(ACCOUNT, "RunInstances", "IAMUser", "e1"),
        record(ACCOUNT, "RunInstances", "Root", "e2"),
        record(ACCOUNT, "DescribeInstances", "IAMUser", "e3"),
        record(OTHER, "RunInstances", "IAMUser", "e4"))));
    Ack tampered = stream.exchange(agent.tampered(2, List.of(record(ACCOUNT, "RunInstances", "IAMUser", "e5"))));
    Ack unknownAgent = stream.exchange(agent.batch("agt-00000000000000ff", 3,
        List.of(record(ACCOUNT, "RunInstances", "IAMUser", "e6"))));

    assertThat(written.getStatus()).isEqualTo(AckStatus.DURABLE);
    assertThat(written.getRejectedEventsList()).singleElement()
        .satisfies(r -> assertThat(r.getProblem()).isEqualTo(EventProblem.WRONG_ACCOUNT));
    assertThat(tampered.getRejection()).isEqualTo(BatchRejection.BAD_SIGNATURE);
    assertThat(unknownAgent.getRejection()).isEqualTo(BatchRejection.UNKNOWN_AGENT);
    assertThat(scrape.sample(AGG + "batches_received_total")).isEqualTo(3);
    assertThat(scrape.sample(AGG + "batches_durable_total")).isEqualTo(1);
    assertThat(scrape.sample(AGG + "events_written_total")).isEqualTo(3);
    assertThat(scrape.sample(AGG + "files_written_total")).isEqualTo(1);
    assertThat(scrape.sample(AGG + "events_rejected_total{problem=\"wrong_account\"}")).isEqualTo(1);
    assertThat(scrape.sample(AGG + "events_rejected_total{problem=\"malformed_json\"}")).isZero();
    assertThat(scrape.sample(AGG + "batches_rejected_total{reason=\"bad_signature\"}")).isEqualTo(1);
    assertThat(scrape.sample(AGG + "batches_rejected_total{reason=\"unknown_agent\"}")).isEqualTo(1);
    assertThat(scrape.sample(AGG + "batches_rejected_total{reason=\"empty_batch\"}")).isZero();
    assertThat(scrape.sample(AGG + "store_failures_total")).isZero();
    assertThat(scrape.sample(AGG + "buffered_bytes")).isZero();
    assertThat(scrape.sample(AGG + "batch_ack_latency_seconds_count")).isEqualTo(1);
    assertThat(scrape.sample(AGG + "file_put_duration_seconds_count")).isEqualTo(1);
    assertThat(scrape.metrics()).contains(AGG + "batch_ack_latency_seconds_bucket{le=");

    // Metric filters count after delivery, on the after-delivery thread.
    Await.until(() -> scrape.sample(AGG + "after_delivery_files_handed_total") == 1, scrape::metrics);
    assertThat(scrape.sample("orgtrail_metric_filter_matches_total{filter=\"run-instances\"}")).isEqualTo(2);
    assertThat(scrape.sample("orgtrail_metric_filter_matches_total{filter=\"root-activity\"}")).isEqualTo(1);
    assertThat(scrape.sample("orgtrail_metric_filter_matches_total{filter=\"never\"}")).isZero();

    assertThat(scrape.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(scrape.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void notReadyWhileTheStoreFailsAndReadyAgainOnceItAnswers() throws Exception {
    InMemoryStore store = new InMemoryStore(new Timeline());
    Scrape scrape = start(store);
    assertThat(scrape.get("/readyz").statusCode()).isEqualTo(200);

    store.failing(true);
    stream.send(agent.batch(1, List.of(record(ACCOUNT, "RunInstances", "IAMUser", "e1"))));

    Await.until(() -> scrape.get("/readyz").statusCode() == 503, () -> scrape.get("/readyz").body());
    HttpResponse<String> notReady = scrape.get("/readyz");
    assertThat(notReady.body()).startsWith("store: the last ").contains(store.describe())
        .doesNotContain("ingest:");
    assertThat(scrape.sample(AGG + "store_failures_total"))
        .isGreaterThanOrEqualTo(Aggregator.STORE_FAILURES_NOT_READY);
    assertThat(scrape.get("/healthz").statusCode()).isEqualTo(200);

    store.failing(false);

    assertThat(stream.awaitAck(1, 1, Duration.ofSeconds(30)).get(0).getStatus()).isEqualTo(AckStatus.DURABLE);
    assertThat(scrape.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void noEndpointUnlessConfigured() throws Exception {
    AggregatorConfig config = AggregatorConfig.builder().orgId(ORG).port(0)
        .stateDir(dir.resolve("state")).registryDir(dir.resolve("registry")).build();
    aggregator = Aggregator.builder().config(config).store(new LocalDirectoryStore(dir.resolve("bucket"))).build();
    aggregator.start();

    assertThat(aggregator.metricsPort()).isEmpty();
    // The meters exist all the same, for a process that serves its registry itself.
    assertThat(Scrape.sample(aggregator.meterRegistry().scrape(), AGG + "events_written_total")).hasValue(0);
  }
}
