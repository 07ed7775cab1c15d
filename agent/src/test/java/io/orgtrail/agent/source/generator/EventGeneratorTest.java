package io.orgtrail.agent.source.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.testkit.Await;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestPipeline;
import io.orgtrail.format.record.RecordRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGeneratorTest {
  private static final String ACCOUNT = "444455556666";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestPipeline pipeline;
  private EventGenerator generator;

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new TestPipeline(dir, TestKeys.create("0000000000000091", ACCOUNT), 500, Duration.ofMillis(50), 1L << 30);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (generator != null) {
      generator.close();
    }
    pipeline.close();
  }

  @Test
  void keepsToTheConfiguredRate() {
    generator = new EventGenerator(new GeneratorSettings(200, 0, List.of("us-east-1")), ACCOUNT, pipeline.intake,
        Clock.systemUTC(), new Random(1));
    long start = System.nanoTime();
    generator.start();
    Await.until(() -> generator.generated() >= 300, () -> "300 events generated, now " + generator.generated());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // 300 events at 200/s take 1.5 s; never (much) less, and not far more even on a busy machine.
    assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(4000));
    assertThat(generator.done()).isFalse();
  }

  @Test
  void makesRealisticRecordsThatPassTheRulesAndStopsAtItsCount() throws Exception {
    Instant past = Instant.parse("2021-03-04T05:06:07.890Z");
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), past));
    List<String> regions = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    generator = new EventGenerator(new GeneratorSettings(5000, 600, regions), ACCOUNT, pipeline.intake, clock,
        new Random(3));
    generator.start();
    Await.until(generator::done, () -> "the generator done, made " + generator.generated());
    assertThat(generator.generated()).isEqualTo(600);
    assertThat(pipeline.intake.acceptedCount()).isEqualTo(600);
    assertThat(pipeline.intake.rejectedByProblem()).isEmpty();
    pipeline.flush();

    List<String> events = pipeline.sealedEvents();
    assertThat(events).hasSize(600);
    RecordRules rules = new RecordRules();
    Set<String> eventIds = new HashSet<>();
    Set<String> names = new HashSet<>();
    Set<String> sources = new HashSet<>();
    Set<String> identities = new HashSet<>();
    Set<String> versions = new HashSet<>();
    Map<String, Integer> perRegion = new TreeMap<>();
    int errors = 0;
    long bytes = 0;
    for (String e : events) {
      byte[] raw = e.getBytes(StandardCharsets.UTF_8);
      rules.check(raw, ACCOUNT);
      bytes += raw.length;
      JsonNode r = JSON.readTree(e);
      eventIds.add(r.get("eventID").asText());
      names.add(r.get("eventName").asText());
      sources.add(r.get("eventSource").asText());
      identities.add(r.get("userIdentity").get("type").asText());
      versions.add(r.get("eventVersion").asText());
      perRegion.merge(r.get("awsRegion").asText(), 1, Integer::sum);
      assertThat(r.get("eventTime").asText()).startsWith("2021-03-04T").matches(".*T\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(r.get("recipientAccountId").asText()).isEqualTo(ACCOUNT);
      for (String field : List.of("sourceIPAddress", "userAgent", "requestParameters", "responseElements",
          "requestID", "readOnly", "eventType", "managementEvent", "eventCategory")) {
        assertThat(r.has(field)).as(field + " in " + e).isTrue();
      }
      if (r.has("errorCode")) {
        errors++;
        assertThat(r.get("errorMessage").asText()).isNotBlank();
      }
    }
    assertThat(eventIds).hasSize(600);
    assertThat(names).hasSizeGreaterThanOrEqualTo(12).contains("ConsoleLogin", "DeleteTable", "AssumeRole");
    assertThat(sources).contains("ec2.amazonaws.com", "iam.amazonaws.com", "s3.amazonaws.com", "sts.amazonaws.com",
        "kms.amazonaws.com", "signin.amazonaws.com", "lambda.amazonaws.com", "dynamodb.amazonaws.com",
        "cloudtrail.amazonaws.com");
    assertThat(identities).contains("IAMUser", "AssumedRole", "Root");
    assertThat(versions).isSubsetOf("1.08", "1.09", "1.10", "1.11").hasSizeGreaterThan(1);
    assertThat(perRegion).containsExactlyInAnyOrderEntriesOf(Map.of("us-east-1", 200, "eu-west-1", 200, "ap-southeast-2", 200));
    assertThat(errors).isBetween(24, 108); // ~10% of 600
    assertThat(bytes / events.size()).isBetween(700L, 1600L);
  }
}
