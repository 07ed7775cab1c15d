package io.orgtrail.aggregator.afterdelivery;

import io.orgtrail.format.record.RecordSplitter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each delivered log file to the consumers (event history, notifications, rules) on one thread of its own,
 * in delivery order. The writer threads only enqueue: a slow consumer or webhook never delays a write or an
 * acknowledgement. The queue is bounded by the files' compressed bytes; a file that does not fit is not given to
 * the consumers, which is logged and counted ({@code orgtrail rebuild-history} restores the event history).
 */
public final class AfterDelivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AfterDelivery.class);
  public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;

  private final List<DeliveryConsumer> consumers;
  private final long maxQueuedBytes;
  private final ExecutorService thread;
  private final RecordSplitter splitter = new RecordSplitter();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final LongAdder handed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failures = new LongAdder();

  public AfterDelivery(List<DeliveryConsumer> consumers, long maxQueuedBytes) {
    this.consumers = List.copyOf(consumers);
    this.maxQueuedBytes = maxQueuedBytes;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "orgtrail-after-delivery");
      t.setDaemon(true);
      return t;
    });
  }

  /** True when there is no consumer: the aggregator then skips the hand-over entirely. */
  public boolean isEmpty() {
    return consumers.isEmpty();
  }

  /** Queues the file for the consumers; returns at once. */
  public void delivered(DeliveredLogFile file) {
    if (consumers.isEmpty()) {
      return;
    }
    long size = file.content().gzipped().length;
    if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
      queuedBytes.addAndGet(-size);
      drop(file, "the after-delivery queue is full (" + maxQueuedBytes + " bytes)");
      return;
    }
    try {
      thread.execute(() -> {
        try {
          handOver(file);
        } finally {
          queuedBytes.addAndGet(-size);
        }
      });
    } catch (RejectedExecutionException e) {
      queuedBytes.addAndGet(-size);
      drop(file, "the aggregator is shutting down");
    }
  }

  private void handOver(DeliveredLogFile file) {
    DeliveredRecords records = new DeliveredRecords(file.content().gzipped(), splitter);
    for (DeliveryConsumer c : consumers) {
      try {
        c.accept(file, records);
      } catch (Exception e) { // one consumer's failure must not keep the file from the others
        failures.increment();
        log.warn("{}: log file {} was not processed: {}", c.name(), file.key(), e.toString());
      }
    }
    handed.increment();
  }

  private void drop(DeliveredLogFile file, String why) {
    dropped.increment();
    log.warn("log file {} was delivered but not handed to {}: {}", file.key(),
        consumers.stream().map(DeliveryConsumer::name).toList(), why);
  }

  /** Figures for the stats line and metrics. */
  public record Stats(long handed, long dropped, long consumerFailures, long queuedBytes) {}

  public Stats stats() {
    return new Stats(handed.sum(), dropped.sum(), failures.sum(), queuedBytes.get());
  }

  /** Finishes the queued files within {@code timeout}; what is left then is counted as dropped. */
  public boolean close(Duration timeout) {
    thread.shutdown();
    try {
      if (thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = thread.shutdownNow().size();
    dropped.add(left);
    log.warn("shutdown: {} delivered log file(s) were not handed to {}", left,
        consumers.stream().map(DeliveryConsumer::name).toList());
    return false;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
