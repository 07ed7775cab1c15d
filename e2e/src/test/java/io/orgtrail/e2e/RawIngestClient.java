package io.orgtrail.e2e;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.IngestGrpc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A hand-driven gRPC client: sends exactly the batches a test crafts, the way a misbehaving agent would. */
final class RawIngestClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final StreamObserver<Batch> requests;
  private final ConcurrentHashMap<Long, CompletableFuture<Ack>> acks = new ConcurrentHashMap<>();

  RawIngestClient(int port) {
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(64 << 20).build();
    requests = IngestGrpc.newStub(channel).stream(new StreamObserver<>() {
      @Override
      public void onNext(Ack ack) {
        future(ack.getSequence()).complete(ack);
      }

      @Override
      public void onError(Throwable t) {
        acks.values().forEach(f -> f.completeExceptionally(t));
      }

      @Override
      public void onCompleted() {}
    });
  }

  private CompletableFuture<Ack> future(long sequence) {
    return acks.computeIfAbsent(sequence, s -> new CompletableFuture<>());
  }

  /** Sends a batch signed with {@code signer}'s key (or not at all) and waits for its acknowledgement. */
  synchronized Ack send(String agentId, long sequence, List<String> events, AgentCredentials signer, boolean breakSignature)
      throws Exception {
    List<byte[]> bytes = events.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
    byte[] signature = signer.signer().sign(sequence, bytes);
    if (breakSignature) {
      signature[5] ^= 0x40;
    }
    Batch.Builder batch = Batch.newBuilder().setAgentId(agentId).setSequence(sequence).setSignature(ByteString.copyFrom(signature));
    bytes.forEach(b -> batch.addEvents(ByteString.copyFrom(b)));
    acks.remove(sequence);
    CompletableFuture<Ack> ack = future(sequence);
    requests.onNext(batch.build());
    return ack.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    requests.onCompleted();
    channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
  }
}
