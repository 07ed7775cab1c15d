package io.orgtrail.bench.micro;

import io.orgtrail.format.batch.BatchCanonicalForm;
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
 * The canonical form of a batch, hashed: the SHA-256 over domain, agent id, sequence and length-prefixed events
 * that both signing and verifying start with. Events and MB count the events' bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class BatchEncodeBenchmark {
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
  public byte[] canonicalSha256(Processed processed) {
    processed.add(batchSize, eventBytes);
    return BatchCanonicalForm.sha256(batch.agentId(), batch.sequence(), batch.records());
  }
}
