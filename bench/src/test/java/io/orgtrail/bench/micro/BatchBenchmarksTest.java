package io.orgtrail.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.format.batch.BatchVerifier;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBenchmarksTest {
  private static final int BATCH = 500;

  @Test
  void encodeHashesTheDocumentedCanonicalLayout() throws Exception {
    BatchBenchmark bench = new BatchBenchmark();
    bench.batchSize = BATCH;
    bench.load();
    Processed processed = new Processed();

    byte[] digest = bench.canonicalSha256(processed);

    assertThat(digest).isEqualTo(independentCanonicalSha256(bench.batch));
    assertThat(bench.batch.records()).hasSize(BATCH);
    assertThatCounted(processed, bench.batch);
  }

  @Test
  void signProducesASignatureTheVerifierAccepts() {
    BatchBenchmark bench = new BatchBenchmark();
    bench.batchSize = BATCH;
    bench.load();
    Processed processed = new Processed();

    byte[] signature = bench.sign(processed);

    SignedBatch b = bench.batch;
    assertThat(signature).hasSize(64);
    assertThat(BatchVerifier.verify(b.publicKey(), b.agentId(), b.sequence(), b.records(), signature)).isTrue();
    assertThatCounted(processed, b);
  }

  @Test
  void verifyAcceptsTheSignedBatchAndTheFixtureIsNotTriviallyTrue() {
    BatchBenchmark bench = new BatchBenchmark();
    bench.batchSize = BATCH;
    bench.load();
    Processed processed = new Processed();

    assertThat(bench.verify(processed)).isTrue();
    assertThatCounted(processed, bench.batch);

    SignedBatch b = bench.batch;
    List<byte[]> tampered = new ArrayList<>(b.records());
    byte[] last = tampered.get(BATCH - 1).clone();
    last[last.length - 2] ^= 1;
    tampered.set(BATCH - 1, last);
    assertThat(BatchVerifier.verify(b.publicKey(), b.agentId(), b.sequence(), tampered, b.signature())).isFalse();
  }

  private static void assertThatCounted(Processed processed, SignedBatch batch) {
    assertThat(processed.events).isEqualTo(BATCH);
    assertThat(processed.megabytes).isEqualTo(batch.events().recordBytes() / 1e6);
  }

  /** The layout BatchCanonicalForm documents, written with DataOutputStream (big-endian). */
  private static byte[] independentCanonicalSha256(SignedBatch batch) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("orgtrail.v1.batch\n".getBytes(StandardCharsets.US_ASCII));
    byte[] id = batch.agentId().getBytes(StandardCharsets.UTF_8);
    out.writeInt(id.length);
    out.write(id);
    out.writeLong(batch.sequence());
    out.writeInt(batch.records().size());
    for (byte[] e : batch.records()) {
      out.writeInt(e.length);
      out.write(e);
    }
    return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
  }
}
