package io.orgtrail.bench.rsyslog;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes one agent's input: {@link EventLines} appended to a file that rsyslog's imfile tails, as fast as the
 * reader takes them (or at a fixed rate), on a thread of its own.
 *
 * <p>The writer stays at most {@code leadBytes} ahead of the reader (its offset, {@link ReadOffsets}), as orgtrail's
 * generator waits while its agent's intake is full: the backlog is in rsyslog's queues, not in the file.
 *
 * <p>One file, never rolled nor cut while the reader has it: imfile keeps deleted files open and reads a directory's
 * files in no particular order, so a writer cannot tell when an older file is done (deleting files it thought read
 * lost lines in our trials). The file grows by the run's volume (a saturated minute is a few GB): delete it after
 * the run.
 */
public final class InputFeeder implements AutoCloseable {
  private static final int BUFFER_BYTES = 1024 * 1024;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final Path file;
  private final EventLines lines;
  private final ReadOffsets offsets;
  private final double linesPerSecond;
  private final long maxLines;
  private final long leadBytes;
  private final Thread thread;
  private final AtomicLong linesWritten = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private volatile boolean stopped;
  private volatile long finalCpuNanos = -1;

  private InputFeeder(Builder b) {
    this.file = Objects.requireNonNull(b.file, "file");
    this.lines = Objects.requireNonNull(b.lines, "lines");
    this.offsets = Objects.requireNonNull(b.offsets, "offsets");
    this.linesPerSecond = b.linesPerSecond;
    this.maxLines = b.maxLines;
    this.leadBytes = b.leadBytes;
    if (!(linesPerSecond > 0)) {
      throw new IllegalArgumentException("linesPerSecond must be above 0 (infinite for unbounded), not "
          + linesPerSecond);
    }
    if (leadBytes < 2L * lines.maxLineBytes()) {
      throw new IllegalArgumentException("leadBytes (" + leadBytes + ") must hold two lines; the longest line has "
          + lines.maxLineBytes() + " bytes");
    }
    this.thread = new Thread(this::runSafely, "bench-feeder-" + b.name);
    thread.setDaemon(true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts appending to the file (created when missing). */
  public InputFeeder start() throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    thread.start();
    return this;
  }

  public long linesWritten() {
    return linesWritten.get();
  }

  /** Bytes of the lines written, line feeds included. */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  /** The mean size of the lines' records, without line feeds. */
  public double meanRecordBytes() {
    return lines.meanRecordBytes();
  }

  /** True once {@code maxLines} lines are written (never for an endless feeder). */
  public boolean finished() {
    return linesWritten.get() >= maxLines;
  }

  /** Why the feeder stopped before it was told to, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** CPU time of the feeder's thread so far (-1 where the JVM does not measure thread CPU time). */
  public long cpuNanos() {
    long cpu = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.getId()) : -1;
    return cpu >= 0 ? cpu : finalCpuNanos;
  }

  /** Stops writing (the files stay). */
  @Override
  public void close() {
    stopped = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runSafely() {
    try {
      run();
    } catch (Throwable t) {
      failure.set(t);
    } finally {
      finalCpuNanos = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }
  }

  private void run() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(BUFFER_BYTES, lines.maxLineBytes()));
    long scheduleStart = System.nanoTime();
    long scheduleBase = 0;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      while (!stopped && linesWritten.get() < maxLines) {
        long written = linesWritten.get();
        long allowed = Long.MAX_VALUE;
        if (!Double.isInfinite(linesPerSecond)) {
          long now = System.nanoTime();
          allowed = scheduleBase + (long) Math.floor(linesPerSecond * (now - scheduleStart) / 1e9) - written;
          long burst = Math.max(1, (long) Math.ceil(linesPerSecond));
          if (allowed > burst) {
            // Behind by more than a second (the reader was slow): restart the schedule from now, as the generator.
            allowed = burst;
            scheduleStart = now;
            scheduleBase = written + burst;
          }
        }
        if (allowed <= 0) {
          LockSupport.parkNanos(TICK_NANOS);
          continue;
        }
        long room = leadBytes - (bytesWritten.get() - Math.max(0, offsets.offset(file)));
        if (room < lines.maxLineBytes()) {
          LockSupport.parkNanos(WAIT_NANOS);
          continue;
        }
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), room));
        long n = 0;
        while (n < allowed && written + n < maxLines && lines.append(written + n, buffer)) {
          n++;
        }
        buffer.flip();
        int bytes = buffer.remaining();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        bytesWritten.addAndGet(bytes);
        linesWritten.addAndGet(n);
      }
    }
  }

  /** What a feeder writes, where, and how fast. */
  public static final class Builder {
    private Path file;
    private EventLines lines;
    private ReadOffsets offsets;
    private String name = "input";
    private double linesPerSecond = Double.POSITIVE_INFINITY;
    private long maxLines = Long.MAX_VALUE;
    private long leadBytes = 16L * 1024 * 1024;

    private Builder() {}

    /** The file the lines go to. */
    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    public Builder lines(EventLines lines) {
      this.lines = lines;
      return this;
    }

    /** The reader's progress: {@link ProcessReadOffsets} of the rsyslogd that tails the file. */
    public Builder offsets(ReadOffsets offsets) {
      this.offsets = offsets;
      return this;
    }

    /** Names the feeder's thread. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Lines per second; infinite (the default) writes as fast as the reader reads. */
    public Builder linesPerSecond(double linesPerSecond) {
      this.linesPerSecond = linesPerSecond;
      return this;
    }

    /** Stops after this many lines (default: never). */
    public Builder maxLines(long maxLines) {
      this.maxLines = maxLines;
      return this;
    }

    /** How far the writer may be ahead of the reader (default 16 MiB). */
    public Builder leadBytes(long leadBytes) {
      this.leadBytes = leadBytes;
      return this;
    }

    public InputFeeder build() {
      return new InputFeeder(this);
    }
  }
}
