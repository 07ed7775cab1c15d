package io.orgtrail.bench.micro;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * Hashing alone: SHA-256 ({@link MessageDigest}) of the uncompressed log file JSON that
 * {@link LogFileAssemblyBenchmark} hashes while compressing. MB counts that JSON.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class Sha256Benchmark {
  @Param({"500", "5000"})
  public int records;

  byte[] json;

  @Setup(Level.Trial)
  public void load() {
    json = RecordedEvents.load().take(records).cloudTrailFile();
  }

  @Benchmark
  public byte[] sha256(Processed processed) throws NoSuchAlgorithmException {
    processed.add(records, json.length);
    return MessageDigest.getInstance("SHA-256").digest(json);
  }
}
