package io.orgtrail.aggregator;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.IngestGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One {@code Ingest/Stream} call: sends batches, collects every acknowledgement in arrival order. */
final class TestStream implements AutoCloseable {
  private final ClientCallStreamObserver<Batch> requests;
  private final Timeline timeline;
  private final List<Ack> acks = new ArrayList<>();
  private final CompletableFuture<Throwable> ended = new CompletableFuture<>();

  TestStream(ManagedChannel channel, Timeline timeline) {
    this.timeline = timeline;
    this.requests = (ClientCallStreamObserver<Batch>) IngestGrpc.newStub(channel).stream(new StreamObserver<>() {
      @Override
      public void onNext(Ack ack) {
        timeline.record(label(ack));
        synchronized (TestStream.this) {
          acks.add(ack);
          TestStream.this.notifyAll();
        }
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(t);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    });
  }

  static String label(Ack ack) {
    return "ack:" + ack.getAgentId() + ":" + ack.getSequence() + ":" + ack.getStatus();
  }

  synchronized void send(Batch batch) {
    requests.onNext(batch);
  }

  /** Sends and waits for the (first not yet seen) acknowledgement of that sequence. */
  Ack exchange(Batch batch) throws InterruptedException {
    int before = acksFor(batch.getSequence()).size();
    send(batch);
    return awaitAck(batch.getSequence(), before + 1, Duration.ofSeconds(20)).get(before);
  }

  synchronized List<Ack> acks() {
    return List.copyOf(acks);
  }

  synchronized List<Ack> acksFor(long sequence) {
    return acks.stream().filter(a -> a.getSequence() == sequence).toList();
  }

  /** Waits until {@code count} acks for {@code sequence} arrived; returns them. */
  synchronized List<Ack> awaitAck(long sequence, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acksFor(sequence).size() < count) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0 || ended.isDone()) {
        throw new AssertionError("no acknowledgement for sequence " + sequence + " (have " + acks + ", stream "
            + (ended.isDone() ? "ended: " + ended.getNow(null) : "open") + ")");
      }
      wait(left);
    }
    return acksFor(sequence);
  }

  CompletableFuture<Throwable> ended() {
    return ended;
  }

  void halfClose() {
    requests.onCompleted();
  }

  /** Drops the call abruptly, as a crashed or disconnected agent would. */
  void cancel() {
    requests.cancel("test: agent disconnects", null);
  }

  @Override
  public void close() {
    if (!ended.isDone()) {
      cancel();
    }
  }
}
