package io.orgtrail.aggregator;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.proto.v1.Batch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven agent: signs exactly the batches a test crafts with credentials from {@code AgentRegistry.enroll}
 * and sends them over real gRPC (Netty, loopback) on streams it opens.
 */
final class TestAgent implements AutoCloseable {
  private final AgentCredentials credentials;
  private final BatchSigner signer;
  private final ManagedChannel channel;
  private final Timeline timeline;

  TestAgent(AgentCredentials credentials, int port, Timeline timeline) {
    this.credentials = credentials;
    this.signer = credentials.signer();
    this.timeline = timeline;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .maxInboundMessageSize(16 << 20)
        .build();
  }

  AgentCredentials credentials() {
    return credentials;
  }

  String agentId() {
    return credentials.agentId();
  }

  String account() {
    return credentials.accountId();
  }

  TestStream open() {
    return new TestStream(channel, timeline);
  }

  Batch batch(long sequence, List<String> events) {
    return batch(credentials.agentId(), sequence, events);
  }

  /** Signed with this agent's key, whatever {@code agentId} says. */
  Batch batch(String agentId, long sequence, List<String> events) {
    List<byte[]> bytes = events.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
    byte[] signature = new BatchSigner(agentId, credentials.signingKey()).sign(sequence, bytes);
    Batch.Builder b = Batch.newBuilder()
        .setAgentId(agentId)
        .setSequence(sequence)
        .setSignature(ByteString.copyFrom(signature));
    bytes.forEach(e -> b.addEvents(ByteString.copyFrom(e)));
    return b.build();
  }

  /** A correctly signed batch altered afterwards (one bit of the signature flipped). */
  Batch tampered(long sequence, List<String> events) {
    Batch good = batch(sequence, events);
    byte[] sig = good.getSignature().toByteArray();
    sig[5] ^= 0x40;
    return good.toBuilder().setSignature(ByteString.copyFrom(sig)).build();
  }

  BatchSigner signer() {
    return signer;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
