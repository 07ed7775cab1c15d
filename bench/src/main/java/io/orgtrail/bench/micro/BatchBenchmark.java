package io.orgtrail.bench.micro;

import io.orgtrail.format.batch.BatchCanonicalForm;
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
 * A batch's way through signing, on one signed batch of recorded events:
 * <ul>
 *   <li>{@code canonicalSha256}: the SHA-256 over domain, agent id, sequence and length-prefixed events that both
 *       signing and verifying start with;
 *   <li>{@code sign}: the agent's {@code BatchSigner.sign}, that hash plus one Ed25519 signature;
 *   <li>{@code verify}: the aggregator's {@code BatchVerifier.verify} of a valid signature, that hash plus one
 *       Ed25519 verification.
 * </ul>
 * The differences from {@code canonicalSha256} are the Ed25519 costs. Events and MB count the events' bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class BatchBenchmark {
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

  @Benchmark
  public byte[] sign(Processed processed) {
    processed.add(batchSize, eventBytes);
    return batch.signer().sign(batch.sequence(), batch.records());
  }

  @Benchmark
  public boolean verify(Processed processed) {
    processed.add(batchSize, eventBytes);
    return BatchVerifier.verify(
        batch.publicKey(), batch.agentId(), batch.sequence(), batch.records(), batch.signature());
  }
}
