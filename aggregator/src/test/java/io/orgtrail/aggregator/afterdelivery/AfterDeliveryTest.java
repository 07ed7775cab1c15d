package io.orgtrail.aggregator.afterdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.format.logfile.LogFile;
import io.orgtrail.format.logfile.LogFileAssembler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AfterDeliveryTest {
  private static LogFile file(String... eventNames) {
    LogFileAssembler a = new LogFileAssembler();
    for (String name : eventNames) {
      a.add(("{\"eventName\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-01T00:00:00Z"));
    }
    return a.finish();
  }

  private static DeliveredLogFile delivered(String key, LogFile content) {
    return new DeliveredLogFile("bucket", key, "111122223333", "us-east-1", content);
  }

  /** A consumer that writes down what it was given. */
  private static final class Recording implements DeliveryConsumer {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final List<List<byte[]>> records = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public void accept(DeliveredLogFile file, DeliveredRecords r) {
      seen.add(file.key());
      records.add(r.records());
    }
  }

  @Test
  void everyConsumerGetsEveryFileInDeliveryOrderWithItsRecordsDecodedOnce() {
    Recording first = new Recording();
    Recording second = new Recording();
    AfterDelivery after = new AfterDelivery(List.of(first, second), AfterDelivery.DEFAULT_MAX_QUEUED_BYTES);
    for (int i = 0; i < 20; i++) {
      after.delivered(delivered("k" + i, file("A" + i, "B" + i)));
    }
    assertThat(after.close(Duration.ofSeconds(10))).isTrue();

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("k" + i);
    }
    assertThat(first.seen).containsExactlyElementsOf(keys);
    assertThat(second.seen).containsExactlyElementsOf(keys);
    assertThat(new String(first.records.get(3).get(1), StandardCharsets.UTF_8)).isEqualTo("{\"eventName\":\"B3\"}");
    assertThat(second.records.get(3)).as("decoded once, shared").isSameAs(first.records.get(3));
    assertThat(after.stats().handed()).isEqualTo(20);
    assertThat(after.stats().dropped()).isZero();
  }

  @Test
  void aFailingConsumerIsCountedAndTheOthersStillGetTheFile() {
    DeliveryConsumer failing = new DeliveryConsumer() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public void accept(DeliveredLogFile file, DeliveredRecords records) {
        throw new IllegalStateException("index unavailable");
      }
    };
    Recording after1 = new Recording();
    AfterDelivery after = new AfterDelivery(List.of(failing, after1), AfterDelivery.DEFAULT_MAX_QUEUED_BYTES);
    after.delivered(delivered("k", file("A")));
    assertThat(after.close(Duration.ofSeconds(10))).isTrue();

    assertThat(after1.seen).containsExactly("k");
    assertThat(after.stats().consumerFailures()).isEqualTo(1);
  }

  @Test
  void aFileThatDoesNotFitTheQueueIsDroppedAndCountedWithoutBlockingTheWriter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    DeliveryConsumer slow = new DeliveryConsumer() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public void accept(DeliveredLogFile file, DeliveredRecords records) throws InterruptedException {
        busy.countDown();
        release.await(10, TimeUnit.SECONDS);
      }
    };
    LogFile one = file("A");
    AfterDelivery after = new AfterDelivery(List.of(slow), one.gzipped().length * 2L);
    after.delivered(delivered("k1", one));
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    after.delivered(delivered("k2", one));
    after.delivered(delivered("k3", one)); // k1 (running) and k2 (queued) fill the bound

    assertThat(after.stats().dropped()).isEqualTo(1);
    release.countDown();
    assertThat(after.close(Duration.ofSeconds(10))).isTrue();
    assertThat(after.stats().handed()).isEqualTo(2);
    assertThat(after.stats().queuedBytes()).isZero();
  }

  @Test
  void withoutConsumersNothingIsQueued() {
    AfterDelivery after = new AfterDelivery(List.of(), 1);
    after.delivered(delivered("k", file("A")));
    assertThat(after.isEmpty()).isTrue();
    assertThat(after.stats().dropped()).isZero();
    assertThat(after.close(Duration.ofSeconds(1))).isTrue();
  }
}
