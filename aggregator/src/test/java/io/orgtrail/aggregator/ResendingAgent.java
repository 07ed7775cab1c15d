package io.orgtrail.aggregator;

import com.google.protobuf.ByteString;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.Batch;
import io.orgtrail.proto.v1.IngestGrpc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An agent for kill tests, on a thread of its own: generates signed batches (at most {@link #WINDOW}
 * unacknowledged), keeps each until it is acknowledged, and whenever its stream breaks opens a new one and resends
 * every unacknowledged batch, in order, with the same bytes: what the agent's disk spool does.
 */
final class ResendingAgent implements AutoCloseable {
  static final int WINDOW = 32;

  private final AgentCredentials credentials;
  private final BatchSigner signer;
  private final int port;
  private final List<String> regions;
  private final int eventsPerBatch;
  private final Thread thread;
  /** Guarded by this. */
  private final TreeMap<Long, Batch> unacked = new TreeMap<>();
  private final Map<Long, List<String>> eventIds = new HashMap<>();
  private final Set<String> acknowledged = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private long nextSequence = 1;
  private long acks;
  private long duplicates;
  private long resent;
  private long streams;
  private volatile boolean generating = true;
  private volatile boolean closed;

  ResendingAgent(AgentCredentials credentials, int port, List<String> regions, int eventsPerBatch) {
    this.credentials = credentials;
    this.signer = new BatchSigner(credentials.agentId(), credentials.signingKey());
    this.port = port;
    this.regions = regions;
    this.eventsPerBatch = eventsPerBatch;
    this.thread = new Thread(this::run, "agent-" + credentials.agentId());
    thread.setDaemon(true);
  }

  ResendingAgent start() {
    thread.start();
    return this;
  }

  /** No new batches from now on; the ones sent are still resent until acknowledged. */
  void stopGenerating() {
    generating = false;
  }

  synchronized boolean done() {
    return !generating && unacked.isEmpty();
  }

  synchronized long acks() {
    return acks;
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long resent() {
    return resent;
  }

  synchronized long streams() {
    return streams;
  }

  synchronized long batches() {
    return nextSequence - 1;
  }

  /** Every event of every acknowledged batch. */
  synchronized Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /** Every event generated. */
  synchronized Set<String> generated() {
    Set<String> all = new HashSet<>();
    eventIds.values().forEach(all::addAll);
    return all;
  }

  /** Acknowledgements that were neither DURABLE nor DUPLICATE, or did not match a batch. */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private void run() {
    while (!closed) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        if (connected(channel)) {
          session(channel);
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        channel.shutdownNow();
      }
      if (!closed) {
        pause(50); // reconnect backoff while the aggregator restarts
      }
    }
  }

  /** Whether the channel connects (within 2 s): only then is a stream opened, as a real agent does. */
  private boolean connected(ManagedChannel channel) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!closed && System.nanoTime() < deadline) {
      ConnectivityState state = channel.getState(true);
      if (state == ConnectivityState.READY) {
        return true;
      }
      if (state == ConnectivityState.TRANSIENT_FAILURE) {
        return false;
      }
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      changed.await(100, TimeUnit.MILLISECONDS);
    }
    return false;
  }

  private void session(ManagedChannel channel) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    ClientCallStreamObserver<Batch> requests =
        (ClientCallStreamObserver<Batch>) IngestGrpc.newStub(channel).stream(new StreamObserver<>() {
          @Override
          public void onNext(Ack ack) {
            acknowledged(ack);
          }

          @Override
          public void onError(Throwable t) {
            ended.countDown();
          }

          @Override
          public void onCompleted() {
            ended.countDown();
          }
        });
    List<Batch> pending;
    synchronized (this) {
      pending = List.copyOf(unacked.values());
      if (streams++ > 0) {
        resent += pending.size();
      }
    }
    try {
      pending.forEach(requests::onNext);
      while (!closed && ended.getCount() > 0) {
        Batch next = nextBatch();
        if (next != null) {
          requests.onNext(next);
        } else {
          ended.await(20, TimeUnit.MILLISECONDS);
        }
      }
    } catch (RuntimeException streamGone) {
      // the call failed under us: a new session resends
    } finally {
      requests.cancel("agent: reconnecting", null);
    }
  }

  private synchronized Batch nextBatch() {
    if (!generating || unacked.size() >= WINDOW) {
      return null;
    }
    long sequence = nextSequence++;
    List<String> ids = new ArrayList<>();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < eventsPerBatch; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      records.add(Records.record(credentials.accountId(), regions.get(i % regions.size()), id));
    }
    List<byte[]> bytes = records.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
    Batch.Builder b = Batch.newBuilder()
        .setAgentId(credentials.agentId())
        .setSequence(sequence)
        .setSignature(ByteString.copyFrom(signer.sign(sequence, bytes)));
    bytes.forEach(e -> b.addEvents(ByteString.copyFrom(e)));
    Batch batch = b.build();
    eventIds.put(sequence, ids);
    unacked.put(sequence, batch);
    return batch;
  }

  private synchronized void acknowledged(Ack ack) {
    if (ack.getStatus() != AckStatus.DURABLE && ack.getStatus() != AckStatus.DUPLICATE) {
      problems.add("batch " + ack.getSequence() + ": " + ack.getStatus() + " " + ack.getReason());
      return;
    }
    if (unacked.remove(ack.getSequence()) == null) {
      if (!eventIds.containsKey(ack.getSequence())) {
        problems.add("an acknowledgement of batch " + ack.getSequence() + ", never sent");
      }
      return; // a second answer for a batch sent twice: both copies were answered
    }
    acks++;
    if (ack.getStatus() == AckStatus.DUPLICATE) {
      duplicates++;
    }
    acknowledged.addAll(eventIds.get(ack.getSequence()));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.interrupt();
    thread.join(10_000);
  }
}
