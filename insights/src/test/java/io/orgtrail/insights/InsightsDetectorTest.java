package io.orgtrail.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightsDetectorTest {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final IntUnaryOperator FEW_PER_HOUR = m -> m % 20 == 10 ? 1 : 0;

  private final TestClock clock = new TestClock(T0);
  private final TemplateRecords terminate = TemplateRecords.terminateInstances();
  private InsightsDetector detector = newDetector();

  @TempDir Path dir;

  private InsightsDetector newDetector() {
    return InsightsDetector.builder().clock(clock).random(new SplittableRandom(7)).build();
  }

  /**
   * Runs whole minutes from the clock's current one: in minute i, {@code count(i)} events stamped 20 s into it,
   * observed at 30 s, then a tick at 59 s.
   */
  private List<InsightEvent> run(int minutes, IntUnaryOperator count, TemplateRecords records) {
    List<InsightEvent> events = new ArrayList<>();
    for (int i = 0; i < minutes; i++) {
      Instant minute = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      clock.set(minute.plusSeconds(30));
      byte[] record = records.at(minute.plusSeconds(20));
      for (int n = count.applyAsInt(i); n > 0; n--) {
        assertThat(detector.observe(record)).isEqualTo(Observation.COUNTED);
      }
      clock.set(minute.plusSeconds(59));
      events.addAll(detector.tick(clock.instant()));
      clock.set(minute.plusSeconds(60));
    }
    return events;
  }

  private Instant currentMinute() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  }

  @Test
  void burstOfTerminateInstancesStartsAnInsightThatEndsWhenTheBurstStops() {
    assertThat(run(180, FEW_PER_HOUR, terminate)).isEmpty();
    Instant burstMinute = currentMinute();

    List<InsightEvent> started = run(1, m -> 100, terminate);

    assertThat(started).hasSize(1);
    InsightEvent start = started.get(0);
    assertThat(start.state()).isEqualTo(InsightState.START);
    assertThat(start.insightType()).isEqualTo(InsightType.API_CALL_RATE);
    assertThat(start.eventName()).isEqualTo("TerminateInstances");
    assertThat(start.eventSource()).isEqualTo("ec2.amazonaws.com");
    assertThat(start.recipientAccountId()).isEqualTo(terminate.account());
    assertThat(start.awsRegion()).isEqualTo(terminate.region());
    assertThat(start.eventTime()).isEqualTo(burstMinute);
    assertThat(start.insightAverage()).isEqualTo(100.0);
    assertThat(start.baselineAverage()).isEqualTo(9.0 / 170); // 3 per hour, from the first call at minute 10
    assertThat(start.baselineDurationMinutes()).isEqualTo(180 - 10); // from the first call, minute 10
    assertThat(start.insightDurationMinutes()).isNull();

    List<InsightEvent> quiet = run(4, m -> 0, terminate);
    assertThat(quiet).as("four quiet minutes are not enough to end it").isEmpty();
    List<InsightEvent> ended = run(2, m -> 0, terminate);

    assertThat(ended).hasSize(1);
    InsightEvent end = ended.get(0);
    assertThat(end.state()).isEqualTo(InsightState.END);
    assertThat(end.sharedEventId()).isEqualTo(start.sharedEventId());
    assertThat(end.eventId()).isNotEqualTo(start.eventId());
    assertThat(end.eventTime()).isEqualTo(burstMinute.plusSeconds(60));
    assertThat(end.insightDurationMinutes()).isEqualTo(1L);
    assertThat(end.insightAverage()).isEqualTo(100.0);
    assertThat(end.baselineAverage()).isEqualTo(start.baselineAverage());

    assertThat(run(30, FEW_PER_HOUR, terminate)).as("back to normal: nothing more").isEmpty();
    assertThat(detector.stats().insightsStarted()).isEqualTo(1);
    assertThat(detector.stats().insightsEnded()).isEqualTo(1);
    assertThat(detector.stats().openInsights()).isZero();
  }

  @Test
  void steadyTenPerMinuteForHoursIsNotFlagged() {
    assertThat(run(4 * 60, m -> 10, terminate)).isEmpty();
    assertThat(detector.stats().counted()).isEqualTo(4 * 60 * 10);
  }

  @Test
  void steadyHundredPerMinuteForHoursIsNotFlaggedButTripleOfItIs() {
    assertThat(run(3 * 60, m -> 100, terminate)).isEmpty();

    // Baseline 100 per minute, no variance: the threshold is 300.
    assertThat(run(1, m -> 290, terminate)).isEmpty();
    List<InsightEvent> started = run(1, m -> 400, terminate);
    assertThat(started).singleElement().satisfies(start -> {
      assertThat(start.state()).isEqualTo(InsightState.START);
      assertThat(start.baselineAverage()).isEqualTo((180 * 100 + 290) / 181.0);
    });
  }

  @Test
  void aNewApiCalledHeavilyAfterTheWarmUpIsFlaggedAgainstTheMinimumAlone() {
    assertThat(run(61, m -> 0, terminate)).isEmpty(); // warm-up passes with no traffic for this API

    List<InsightEvent> events = run(1, m -> 25, terminate);

    assertThat(events).singleElement().satisfies(start -> {
      assertThat(start.baselineDurationMinutes()).isZero();
      assertThat(start.baselineAverage()).isZero();
    });
  }

  @Test
  void burstOfAccessDeniedErrorsStartsAnErrorRateInsight() {
    TemplateRecords denied = TemplateRecords.accessDenied().with("readOnly", true);
    assertThat(run(180, FEW_PER_HOUR, denied)).isEmpty();
    Instant burstMinute = currentMinute();

    List<InsightEvent> started = run(1, m -> 100, denied);

    assertThat(started).singleElement().satisfies(start -> {
      assertThat(start.insightType()).isEqualTo(InsightType.API_ERROR_RATE);
      assertThat(start.eventName()).isEqualTo(denied.eventName());
      assertThat(start.errorCode()).isEqualTo("AccessDenied");
      assertThat(start.eventTime()).isEqualTo(burstMinute);
      assertThat(start.attributions()).singleElement().satisfies(attribution -> {
        assertThat(attribution.attribute()).isEqualTo("errorCode");
        assertThat(attribution.insight()).containsExactly(new AttributionValue("AccessDenied", 100.0));
      });
    });
    List<InsightEvent> ended = run(6, m -> 0, denied);
    assertThat(ended).singleElement().satisfies(end -> {
      assertThat(end.state()).isEqualTo(InsightState.END);
      assertThat(end.insightType()).isEqualTo(InsightType.API_ERROR_RATE);
      assertThat(end.sharedEventId()).isEqualTo(started.get(0).sharedEventId());
    });
  }

  @Test
  void failedWritesCountForBothInsightTypesAndMixedErrorCodesAreAttributed() {
    run(120, m -> 0, terminate);
    TemplateRecords unauthorized = terminate.with("errorCode", "Client.UnauthorizedOperation");
    Instant minute = currentMinute();
    clock.set(minute.plusSeconds(30));
    for (int i = 0; i < 60; i++) {
      detector.observe(unauthorized.at(minute.plusSeconds(i % 30)));
    }
    for (int i = 0; i < 30; i++) {
      detector.observe(terminate.with("errorCode", "Client.VcpuLimitExceeded").at(minute.plusSeconds(i)));
    }

    List<InsightEvent> events = detector.tick(minute.plusSeconds(59));

    assertThat(events).extracting(InsightEvent::insightType)
        .containsExactlyInAnyOrder(InsightType.API_CALL_RATE, InsightType.API_ERROR_RATE);
    InsightEvent errors = events.stream().filter(e -> e.insightType() == InsightType.API_ERROR_RATE).findFirst()
        .orElseThrow();
    assertThat(errors.errorCode()).isEqualTo("Client.UnauthorizedOperation");
    assertThat(errors.attributions().get(0).insight()).containsExactly(
        new AttributionValue("Client.UnauthorizedOperation", 60.0),
        new AttributionValue("Client.VcpuLimitExceeded", 30.0));
    assertThat(events.stream().filter(e -> e.insightType() == InsightType.API_CALL_RATE).findFirst()
        .orElseThrow().errorCode()).isNull();
  }

  @Test
  void lateAndOutOfOrderEventsLandInTheirOwnMinute() {
    assertThat(run(180, FEW_PER_HOUR, terminate)).isEmpty();
    Instant now = currentMinute().plusSeconds(30);
    clock.set(now);
    Instant burstMinute = currentMinute().minus(Duration.ofMinutes(12));
    List<byte[]> delivered = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      delivered.add(terminate.at(burstMinute.plusSeconds(i))); // 60 calls in one past minute
      delivered.add(terminate.at(burstMinute.plusSeconds(60 * (i % 10 + 1)))); // spread over 10 later minutes
    }
    Collections.shuffle(delivered, new java.util.Random(3));
    byte[] tooOld = terminate.at(now.minus(Duration.ofMinutes(61)));
    byte[] future = terminate.at(now.plus(Duration.ofMinutes(3)));

    for (byte[] record : delivered) {
      assertThat(detector.observe(record)).isEqualTo(Observation.COUNTED);
    }
    assertThat(detector.observe(tooOld)).isEqualTo(Observation.TOO_LATE);
    assertThat(detector.observe(future)).isEqualTo(Observation.COUNTED);

    List<InsightEvent> events = detector.tick(now);
    assertThat(events).singleElement().satisfies(start -> {
      assertThat(start.state()).isEqualTo(InsightState.START);
      assertThat(start.eventTime()).isEqualTo(burstMinute);
      assertThat(start.insightAverage()).isEqualTo(60.0);
    });
    // The burst minute is long past and the later minutes held 6 each: the end follows at the next tick.
    List<InsightEvent> ended = detector.tick(now.plusSeconds(30));
    assertThat(ended).singleElement().satisfies(end -> {
      assertThat(end.state()).isEqualTo(InsightState.END);
      assertThat(end.eventTime()).isEqualTo(burstMinute.plusSeconds(60));
    });
    assertThat(detector.stats().tooLate()).isEqualTo(1);
    assertThat(detector.stats().futureClamped()).isEqualTo(1);
  }

  @Test
  void restartKeepsAnOpenInsightAndItsBaseline() throws Exception {
    assertThat(run(180, FEW_PER_HOUR, terminate)).isEmpty();
    InsightEvent start = run(1, m -> 100, terminate).get(0);
    Path state = dir.resolve("insights-state.json");
    detector.save(state);

    detector = newDetector();
    assertThat(detector.load(state)).isTrue();
    assertThat(detector.stats().openInsights()).isEqualTo(1);

    List<InsightEvent> ended = run(6, m -> 0, terminate);
    assertThat(ended).singleElement().satisfies(end -> {
      assertThat(end.state()).isEqualTo(InsightState.END);
      assertThat(end.sharedEventId()).isEqualTo(start.sharedEventId());
      assertThat(end.baselineAverage()).isEqualTo(start.baselineAverage());
      assertThat(end.insightAverage()).isEqualTo(100.0);
    });
  }

  @Test
  void restartKeepsTheBaselineOfSteadyTraffic() throws Exception {
    assertThat(run(120, m -> 100, terminate)).isEmpty();
    Path state = dir.resolve("state.json");
    detector.save(state);

    detector = newDetector(); // a fresh detector would be past its warm-up: only the baseline keeps it quiet
    clock.advance(Duration.ofMinutes(61));
    assertThat(detector.load(state)).isTrue();

    assertThat(run(30, m -> 100, terminate)).isEmpty();
    assertThat(run(1, m -> 400, terminate)).singleElement()
        .satisfies(start -> assertThat(start.baselineAverage()).isGreaterThan(60.0));
  }

  @Test
  void corruptOrMissingStateFileStartsEmpty() throws Exception {
    run(10, m -> 5, terminate);
    Path corrupt = dir.resolve("corrupt.json");
    Files.writeString(corrupt, "{\"format\":\"orgtrail-insights-state\",\"version\":1,\"series\":[{");

    InsightsDetector fresh = newDetector();
    assertThat(fresh.load(corrupt)).isFalse();
    assertThat(fresh.load(dir.resolve("missing.json"))).isFalse();
    assertThat(fresh.stats().keys()).isZero();

    Path wrongShape = dir.resolve("other.json");
    Files.writeString(wrongShape, "{\"format\":\"something-else\",\"version\":1,\"series\":[]}");
    assertThat(detector.load(wrongShape)).isFalse();
    assertThat(detector.stats().keys()).as("a refused file leaves the state alone").isEqualTo(1);
  }

  @Test
  void saveWritesNoTemporaryFilesBeside() throws Exception {
    run(5, m -> 3, terminate);
    Path state = dir.resolve("state.json");
    detector.save(state);
    detector.save(state);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(state);
    }
  }

  @Test
  void onlyManagementWritesAndErrorsAreMeasured() {
    clock.set(T0.plusSeconds(30));
    assertThat(detector.observe(terminate.with("readOnly", true).at(T0))).isEqualTo(Observation.NOT_MEASURED);
    assertThat(detector.observe(terminate.with("errorCode", "").with("readOnly", true).at(T0)))
        .isEqualTo(Observation.NOT_MEASURED);
    assertThat(detector.observe(terminate.with("managementEvent", false).with("eventCategory", "Data").at(T0)))
        .isEqualTo(Observation.NOT_MANAGEMENT);
    assertThat(detector.observe(terminate.with("eventType", "AwsCloudTrailInsight").at(T0)))
        .isEqualTo(Observation.NOT_MANAGEMENT);
    assertThat(detector.observe("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(Observation.MALFORMED);
    assertThat(detector.observe(terminate.with("recipientAccountId", null).at(T0)))
        .isEqualTo(Observation.MALFORMED);
    // eventVersion 1.05 records carry neither managementEvent nor eventCategory: management by default
    assertThat(detector.observe(terminate.with("managementEvent", null).with("eventCategory", null).at(T0)))
        .isEqualTo(Observation.COUNTED);
    assertThat(detector.stats()).satisfies(stats -> {
      assertThat(stats.notMeasured()).isEqualTo(2);
      assertThat(stats.notManagement()).isEqualTo(2);
      assertThat(stats.malformed()).isEqualTo(2);
      assertThat(stats.counted()).isEqualTo(1);
    });
  }

  @Test
  void keysBeyondTheCapDropTheLeastRecentlySeen() {
    detector = InsightsDetector.builder().clock(clock).random(new SplittableRandom(1))
        .settings(InsightsSettings.builder().maxKeys(3).build()).build();
    clock.set(T0.plusSeconds(30));
    for (String name : List.of("A", "B", "C", "A", "D", "E")) {
      detector.observe(terminate.with("eventName", name).at(T0));
    }
    assertThat(detector.stats().keys()).isEqualTo(3);
    assertThat(detector.stats().keysEvicted()).isEqualTo(2); // B, then C; A was seen again
  }

  @Test
  void startAndEndRecordsHaveCloudTrailsInsightsShape() throws Exception {
    run(180, FEW_PER_HOUR, terminate);
    InsightEvent start = run(1, m -> 100, terminate).get(0);
    InsightEvent end = run(6, m -> 0, terminate).get(0);

    JsonNode s = TemplateRecords.MAPPER.readTree(start.json());
    JsonNode e = TemplateRecords.MAPPER.readTree(end.json());

    assertThat(fieldNames(s)).containsExactly("eventVersion", "eventTime", "awsRegion", "eventID", "eventType",
        "recipientAccountId", "sharedEventID", "insightDetails", "eventCategory");
    assertThat(s.get("eventVersion").asText()).isEqualTo("1.08");
    assertThat(s.get("eventType").asText()).isEqualTo("AwsCloudTrailInsight");
    assertThat(s.get("eventCategory").asText()).isEqualTo("Insight");
    assertThat(e.get("eventCategory").asText()).isEqualTo("Insight");
    assertThat(s.get("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
    assertThat(s.get("eventID").asText()).isEqualTo(start.eventId().toString());
    assertThat(s.get("sharedEventID").asText()).isEqualTo(e.get("sharedEventID").asText());
    assertThat(s.get("eventID").asText()).isNotEqualTo(e.get("eventID").asText());
    assertThat(java.util.UUID.fromString(s.get("eventID").asText()).version()).isEqualTo(4);

    JsonNode details = s.get("insightDetails");
    assertThat(fieldNames(details)).containsExactly("state", "eventSource", "eventName", "insightType",
        "insightContext");
    assertThat(details.get("state").asText()).isEqualTo("Start");
    assertThat(e.at("/insightDetails/state").asText()).isEqualTo("End");
    assertThat(details.get("insightType").asText()).isEqualTo("ApiCallRateInsight");
    assertThat(details.get("eventName").asText()).isEqualTo("TerminateInstances");
    assertThat(fieldNames(details.get("insightContext"))).containsExactly("statistics", "attributions");
    assertThat(fieldNames(details.at("/insightContext/statistics")))
        .containsExactly("baseline", "insight", "baselineDuration");
    assertThat(fieldNames(e.at("/insightDetails/insightContext/statistics")))
        .containsExactly("baseline", "insight", "insightDuration", "baselineDuration");
    assertThat(details.at("/insightContext/statistics/baseline/average").asDouble()).isEqualTo(9.0 / 170);
    assertThat(details.at("/insightContext/statistics/insight/average").asDouble()).isEqualTo(100.0);
    assertThat(e.at("/insightDetails/insightContext/statistics/insightDuration").asLong()).isEqualTo(1);
    assertThat(details.at("/insightContext/attributions").isArray()).isTrue();
    assertThat(new String(start.json(), StandardCharsets.UTF_8)).doesNotContain(" ", "\n");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
