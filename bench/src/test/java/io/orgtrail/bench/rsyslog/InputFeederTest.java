package io.orgtrail.bench.rsyslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feeder against a reader thread of the test that tails its file as imfile does, and reports its offset through
 * {@link ReadOffsets}.
 */
class InputFeederTest {
  private static final int LINES = 20_000;
  private static final long LEAD = 256 * 1024;

  @TempDir Path dir;

  private final EventLines lines = new EventLines(records(), 1, new Random(3));

  @Test
  void everyLineArrivesInOrderWhileTheWriterStaysWithinItsLead() throws Exception {
    Path file = dir.resolve("events.log");
    TailingReader reader = new TailingReader(file);
    try (InputFeeder feeder = InputFeeder.builder().file(file).lines(lines).offsets(reader).maxLines(LINES)
        .leadBytes(LEAD).name("test").build()) {
      Thread readerThread = new Thread(() -> reader.readUntil(feeder, LINES), "test-reader");
      feeder.start();
      readerThread.start();
      readerThread.join(Duration.ofSeconds(60).toMillis());

      assertThat(reader.failure).isNull();
      assertThat(feeder.failure()).isEmpty();
      assertThat(feeder.finished()).isTrue();
      assertThat(reader.lines).hasSize(LINES);
      for (int i = 0; i < LINES; i++) {
        assertThat(reader.lines.get(i)).as("line %d", i).isEqualTo(lines.line(i));
      }
      assertThat(reader.maxLead.get()).as("bytes written but not read, at most").isLessThanOrEqualTo(LEAD);
      assertThat(feeder.bytesWritten()).as("far more than the lead").isGreaterThan(20 * LEAD)
          .isEqualTo(IntStream.range(0, LINES).mapToLong(i -> lines.line(i).length + 1).sum())
          .isEqualTo(Files.size(file));
      assertThat(feeder.cpuNanos()).isPositive();
    }
  }

  @Test
  void aFixedRateIsKeptToWithAReaderThatKeepsUp() throws Exception {
    ReadOffsets everythingRead = file -> {
      try {
        return Files.size(file);
      } catch (IOException e) {
        return -1;
      }
    };
    try (InputFeeder feeder = InputFeeder.builder().file(dir.resolve("events.log")).lines(lines)
        .offsets(everythingRead)
        .linesPerSecond(2_000).name("paced").build()) {
      long start = System.nanoTime();
      feeder.start();
      Await.until(Duration.ofSeconds(10), () -> feeder.linesWritten() >= 2_000, () -> feeder.linesWritten()
          + " lines written");
      double seconds = (System.nanoTime() - start) / 1e9;

      // At most the schedule plus one tick's lines; at least not slower than half the rate on a busy machine.
      assertThat(feeder.linesWritten()).isLessThanOrEqualTo((long) (2_000 * seconds) + 50);
      assertThat(seconds).isLessThan(2.0);
    }
  }

  @Test
  void aReaderThatReadsNothingHoldsTheWriterAtItsLead() throws Exception {
    try (InputFeeder feeder = InputFeeder.builder().file(dir.resolve("events.log")).lines(lines)
        .offsets(file -> -1).leadBytes(LEAD).name("blocked").build()) {
      feeder.start();
      Await.until(Duration.ofSeconds(10), () -> feeder.bytesWritten() > LEAD - lines.maxLineBytes(),
          () -> feeder.bytesWritten() + " bytes written");
      long held = feeder.linesWritten();
      // Nothing to await here: the writer must stay put. 200 ms is time enough for it to write megabytes.
      Thread.sleep(200);

      assertThat(feeder.linesWritten()).isEqualTo(held);
      assertThat(feeder.bytesWritten()).isLessThanOrEqualTo(LEAD);
    }
  }

  /** A reader in the test: tails the file and tracks its offset as /proc would show it. */
  static final class TailingReader implements ReadOffsets {
    final Path file;
    final AtomicLong position = new AtomicLong(-1);
    final List<byte[]> lines = new ArrayList<>();
    final AtomicLong maxLead = new AtomicLong();
    volatile Throwable failure;

    TailingReader(Path file) {
      this.file = file.toAbsolutePath().normalize();
    }

    @Override
    public long offset(Path f) {
      return f.toAbsolutePath().normalize().equals(file) ? position.get() : -1;
    }

    void readUntil(InputFeeder feeder, int wanted) {
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(file)) {
          LockSupport.parkNanos(200_000);
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
          position.set(0);
          while (lines.size() < wanted && System.nanoTime() < deadline) {
            buffer.clear();
            int n = in.read(buffer);
            if (n <= 0) {
              LockSupport.parkNanos(200_000);
              continue;
            }
            position.set(in.position());
            maxLead.accumulateAndGet(feeder.bytesWritten() - in.position(), Math::max);
            for (int i = 0; i < n; i++) {
              byte b = buffer.get(i);
              if (b == '\n') {
                lines.add(line.toByteArray());
                line.reset();
              } else {
                line.write(b);
              }
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }
  }

  private static List<byte[]> records() {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      records.add(("{\"eventVersion\":\"1.08\",\"eventID\":\"00000000-0000-4000-8000-000000000000\",\"eventName\":\""
          + "Call" + i + "\",\"requestParameters\":{\"padding\":\"" + "x".repeat(300 + 97 * i) + "\"}}")
          .getBytes(StandardCharsets.UTF_8));
    }
    return records;
  }
}
