package io.orgtrail.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.notify.delivery.FileNotification;
import io.orgtrail.notify.samples.TestReceiver;
import io.orgtrail.notify.samples.TestReceiver.Answer;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final byte[] BODY = FileNotification.of("org-trail",
      "AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail/us-east-1/2026/11/21/"
          + "123456789012_CloudTrail_us-east-1_20261121T1200Z_Ab3dEf6hIj9kLm2n.json.gz").toJson();

  @TempDir
  Path tmp;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  private TestReceiver receiver(TestReceiver.Script script) {
    TestReceiver receiver = new TestReceiver(script);
    toClose.add(0, receiver);
    return receiver;
  }

  /** A latch that blocks receiver handlers until the test (or, at the latest, its end) opens it. */
  private CountDownLatch gate() {
    CountDownLatch gate = new CountDownLatch(1);
    toClose.add(0, gate::countDown);
    return gate;
  }

  private static void pass(CountDownLatch gate) throws InterruptedException {
    if (!gate.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never opened the gate");
    }
  }

  private WebhookSender.Builder sender() {
    return WebhookSender.builder()
        .deadLetterFile(tmp.resolve("dead/webhooks.jsonl"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .ids(new RandomUuids(new SplittableRandom(3)))
        .firstBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(50))
        .requestTimeout(Duration.ofSeconds(5))
        .shutdownGrace(Duration.ofSeconds(5));
  }

  private WebhookSender start(WebhookSender.Builder builder) {
    WebhookSender sender = builder.build();
    toClose.add(sender);
    return sender;
  }

  private List<JsonNode> deadLetters() {
    Path file = tmp.resolve("dead/webhooks.jsonl");
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        lines.add(JSON.readTree(line));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitDeadLetters(int count) {
    Await.until(Duration.ofSeconds(20), () -> deadLetters().size() >= count,
        () -> "dead letters: " + deadLetters());
  }

  @Test
  void deliversWithContentTypeKindIdAndAttemptHeaders() {
    TestReceiver receiver = receiver(n -> Answer.of(204));
    WebhookSender sender = start(sender());

    String id = sender.send(receiver.uri(), NotificationKinds.FILE_DELIVERED, BODY);

    Await.until(() -> sender.stats().delivered() == 1, () -> String.valueOf(sender.stats()));
    assertThat(receiver.requests).hasSize(1);
    TestReceiver.Request request = receiver.requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/hooks/orgtrail");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("X-Orgtrail-Notification")).isEqualTo("file-delivered");
    assertThat(request.header("Idempotency-Key")).isEqualTo(id).isEqualTo(new RandomUuids(new SplittableRandom(3))
        .next());
    assertThat(request.header("X-Orgtrail-Attempt")).isEqualTo("1");
    assertThat(request.body()).isEqualTo(BODY);
    assertThat(sender.stats()).isEqualTo(new WebhookStats(1, 1, 0, 0, 0));
    assertThat(sender.pendingCount()).isZero();
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void retriesA503TwiceAndDeliversOnTheThirdAttemptWithTheSameId() {
    TestReceiver receiver = receiver(n -> n <= 2 ? Answer.of(503, "busy") : Answer.of(200));
    WebhookSender sender = start(sender());

    String id = sender.send(receiver.uri(), NotificationKinds.RULE_MATCH, BODY);

    Await.until(() -> sender.stats().delivered() == 1, () -> String.valueOf(sender.stats()));
    assertThat(receiver.requests).extracting(r -> r.header("X-Orgtrail-Attempt")).containsExactly("1", "2", "3");
    assertThat(receiver.requests).extracting(r -> r.header("Idempotency-Key")).containsOnly(id);
    assertThat(receiver.requests).extracting(r -> r.header("X-Orgtrail-Notification")).containsOnly("rule-match");
    assertThat(sender.stats()).isEqualTo(new WebhookStats(1, 1, 2, 0, 0));
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void retriesA429AndCapsItsRetryAfterAtTheMaximumBackoff() {
    TestReceiver receiver = receiver(n -> n == 1 ? new Answer(429, "slow down", Map.of("Retry-After", "3600"))
        : Answer.of(200));
    WebhookSender sender = start(sender());

    sender.send(receiver.uri(), NotificationKinds.RULE_MATCH, BODY);

    Await.until(Duration.ofSeconds(10), () -> sender.stats().delivered() == 1, () -> String.valueOf(sender.stats()));
    assertThat(receiver.requests).hasSize(2);
    assertThat(sender.stats().retried()).isEqualTo(1);
  }

  @Test
  void retriesARequestThatTimesOut() {
    CountDownLatch gate = gate();
    TestReceiver receiver = receiver(n -> {
      if (n == 1) {
        pass(gate);
      }
      return Answer.of(200);
    });
    WebhookSender sender = start(sender().requestTimeout(Duration.ofMillis(300)));

    String id = sender.send(receiver.uri(), NotificationKinds.FILE_DELIVERED, BODY);

    Await.until(() -> sender.stats().delivered() == 1, () -> String.valueOf(sender.stats()));
    assertThat(receiver.requests).extracting(r -> r.header("Idempotency-Key")).containsExactly(id, id);
    assertThat(sender.stats().retried()).isEqualTo(1);
  }

  @Test
  void aClientErrorGoesStraightToTheDeadLetterFile() {
    TestReceiver receiver = receiver(n -> Answer.of(400, "{\"error\":\"unknown field\"}"));
    WebhookSender sender = start(sender());

    String id = sender.send(receiver.uri(), NotificationKinds.FILE_DELIVERED, BODY);

    awaitDeadLetters(1);
    assertThat(receiver.requests).hasSize(1);
    JsonNode letter = deadLetters().get(0);
    assertThat(letter.get("time").asText()).isEqualTo("2026-11-21T12:00:00Z");
    assertThat(letter.get("target").asText()).isEqualTo(receiver.uri().toString());
    assertThat(letter.get("kind").asText()).isEqualTo("file-delivered");
    assertThat(letter.get("id").asText()).isEqualTo(id);
    assertThat(letter.get("attempts").asInt()).isEqualTo(1);
    assertThat(letter.get("reason").asText()).isEqualTo("rejected");
    assertThat(letter.get("lastError").asText()).isEqualTo("HTTP 400: {\"error\":\"unknown field\"}");
    assertThat(letter.get("body")).as("the body is kept as JSON").isEqualTo(readTree(BODY));
    assertThat(sender.stats()).isEqualTo(new WebhookStats(1, 0, 0, 1, 0));
    assertThat(sender.pendingCount()).isZero();
  }

  @Test
  void aServerThatIsDownEndsInTheDeadLetterFileAfterMaxAttempts() {
    URI down = URI.create("http://127.0.0.1:" + FreePorts.next() + "/hook");
    WebhookSender sender = start(sender().maxAttempts(3));

    String id = sender.send(down, NotificationKinds.FILE_DELIVERED, BODY);

    awaitDeadLetters(1);
    JsonNode letter = deadLetters().get(0);
    assertThat(letter.get("id").asText()).isEqualTo(id);
    assertThat(letter.get("attempts").asInt()).isEqualTo(3);
    assertThat(letter.get("reason").asText()).isEqualTo("attempts exhausted");
    assertThat(letter.get("lastError").asText()).startsWith("ConnectException");
    assertThat(sender.stats()).isEqualTo(new WebhookStats(1, 0, 2, 1, 0));
  }

  @Test
  void aFullQueueDeadLettersTheNewMessageWithoutBlocking() throws Exception {
    CountDownLatch gate = gate();
    TestReceiver receiver = receiver(n -> {
      pass(gate);
      return Answer.of(200);
    });
    WebhookSender sender = start(sender().queueCapacity(1));

    sender.send(receiver.uri(), NotificationKinds.FILE_DELIVERED, BODY);
    Await.until(() -> receiver.requests.size() == 1, () -> "the first request to arrive");
    byte[] notJson = "not json at all".getBytes(StandardCharsets.UTF_8);
    String refused = sender.send(receiver.uri(), NotificationKinds.RULE_MATCH, notJson);

    assertThat(sender.stats().queueFull()).isEqualTo(1);
    List<JsonNode> letters = deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).get("id").asText()).isEqualTo(refused);
    assertThat(letters.get(0).get("reason").asText()).isEqualTo("queue full");
    assertThat(letters.get(0).get("attempts").asInt()).isZero();
    assertThat(letters.get(0).get("body").asText()).as("a body that is not JSON is kept as text")
        .isEqualTo("not json at all");

    gate.countDown();
    Await.until(() -> sender.stats().delivered() == 1, () -> String.valueOf(sender.stats()));
    assertThat(sender.stats()).isEqualTo(new WebhookStats(1, 1, 0, 1, 1));
  }

  @Test
  void closeFinishesTheAttemptInFlightAndDeadLettersWhatIsQueued() throws Exception {
    CountDownLatch gate = gate();
    TestReceiver receiver = receiver(n -> {
      pass(gate);
      return Answer.of(200);
    });
    WebhookSender sender = start(sender().maxConcurrentRequests(1));
    String first = sender.send(receiver.uri(), NotificationKinds.FILE_DELIVERED, BODY);
    Await.until(() -> receiver.requests.size() == 1, () -> "the first request to arrive");
    String second = sender.send(receiver.uri(), NotificationKinds.FILE_DELIVERED, BODY);
    String third = sender.send(receiver.uri(), NotificationKinds.RULE_MATCH, BODY);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(sender::close);
    Await.until(sender::isClosed, () -> "close() to begin");
    awaitDeadLetters(2);
    gate.countDown();
    closing.get(10, TimeUnit.SECONDS);

    assertThat(receiver.requests).extracting(r -> r.header("Idempotency-Key")).containsExactly(first);
    assertThat(deadLetters()).extracting(l -> l.get("id").asText()).containsExactly(second, third);
    assertThat(deadLetters()).extracting(l -> l.get("reason").asText()).containsOnly("shutdown");
    assertThat(sender.stats()).isEqualTo(new WebhookStats(3, 1, 0, 2, 0));

    String late = sender.send(receiver.uri(), NotificationKinds.RULE_MATCH, BODY);
    assertThat(deadLetters()).hasSize(3);
    assertThat(deadLetters().get(2).get("id").asText()).isEqualTo(late);
    assertThat(deadLetters().get(2).get("reason").asText()).isEqualTo("sender closed");
  }

  @Test
  void closeDeadLettersAnAttemptStillInFlightAfterTheGracePeriod() {
    CountDownLatch gate = gate();
    TestReceiver receiver = receiver(n -> {
      pass(gate);
      return Answer.of(200);
    });
    WebhookSender sender = start(sender().shutdownGrace(Duration.ofMillis(200)));
    String id = sender.send(receiver.uri(), NotificationKinds.FILE_DELIVERED, BODY);
    Await.until(() -> receiver.requests.size() == 1, () -> "the request to arrive");

    sender.close();

    List<JsonNode> letters = deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).get("id").asText()).isEqualTo(id);
    assertThat(letters.get(0).get("attempts").asInt()).isEqualTo(1);
    assertThat(letters.get(0).get("reason").asText()).isEqualTo("shutdown");
    assertThat(letters.get(0).get("lastError").asText()).contains("shutdown grace of 200 ms");
    gate.countDown();
    assertThat(sender.stats().delivered()).isZero();
  }

  @Test
  void rejectsBadTargetsKindsAndConfiguration() {
    WebhookSender sender = start(sender());
    assertThatThrownBy(() -> sender.send(URI.create("/relative"), "rule-match", BODY))
        .hasMessageContaining("absolute http(s) URI");
    assertThatThrownBy(() -> sender.send(URI.create("http://h/x"), "bad kind\r\n", BODY))
        .hasMessageContaining("notification kind");
    assertThatThrownBy(() -> WebhookSender.builder().build()).hasMessageContaining("needs a deadLetterFile");
    assertThatThrownBy(() -> WebhookSender.builder().maxAttempts(0)).hasMessageContaining("at least 1");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    assertThat(backoff.afterAttempt(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.afterAttempt(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.afterAttempt(7)).isEqualTo(Duration.ofSeconds(64));
    assertThat(backoff.afterAttempt(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(backoff.afterAttempt(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.afterAttempt(1000)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.afterAttempt(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.afterAttempt(1, Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(5));
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
