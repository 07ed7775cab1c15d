package io.orgtrail.bench.micro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compression alone over the bytes {@link LogFileAssemblyBenchmark} produces, at the same level (by default
 * {@link Deflater#DEFAULT_COMPRESSION}, as the aggregator's {@code new LogFileAssembler()}): the floor a log file's
 * assembly cannot go below at that level. {@code gzip} is a {@link GZIPOutputStream} set up as the assembler's
 * (64 KB buffers) given the whole JSON in one write; {@code deflate} is a bare {@link Deflater} (no CRC-32, no
 * stream), the true limit. MB counts the uncompressed JSON.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class CompressionBenchmark {
  private static final int BUFFER = 64 * 1024;

  @Param({"500", "5000"})
  public int records;

  @Param("" + Deflater.DEFAULT_COMPRESSION)
  public int level;

  byte[] json;

  @Setup(Level.Trial)
  public void load() {
    json = RecordedEvents.load().take(records).cloudTrailFile();
  }

  @Benchmark
  public byte[] gzip(Processed processed) throws IOException {
    processed.add(records, json.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(BUFFER);
    try (GZIPOutputStream gzip = new LevelGzipOutputStream(out, BUFFER, level)) {
      gzip.write(json);
    }
    return out.toByteArray();
  }

  /** Raw deflate (no zlib or gzip wrapper); returns the compressed bytes. */
  @Benchmark
  public byte[] deflate(Processed processed) {
    processed.add(records, json.length);
    Deflater deflater = new Deflater(level, true);
    try {
      deflater.setInput(json);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(BUFFER);
      byte[] buffer = new byte[BUFFER];
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer);
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }
}
