package io.orgtrail.bench.micro;

import io.orgtrail.format.batch.BatchVerifier;
import java.security.SecureRandom;
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
 * The aggregator checking a batch: {@code BatchVerifier.verify} of a valid signature (the canonical-form SHA-256
 * plus one Ed25519 verification). Events and MB count the events' bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class BatchVerifyBenchmark {
  @Param("500")
  public int batchSize;

  SignedBatch batch;
  long eventBytes;

  @Setup(Level.Trial)
  public void load() {
    batch = SignedBatch.sign(RecordedEvents.load().take(batchSize), new SecureRandom());
    eventBytes = batch.events().recordBytes();
  }

  @Benchmark
  public boolean verify(Processed processed) {
    processed.add(batchSize, eventBytes);
    return BatchVerifier.verify(
        batch.publicKey(), batch.agentId(), batch.sequence(), batch.records(), batch.signature());
  }
}
