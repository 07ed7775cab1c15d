package io.orgtrail.aggregator.ingest;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import java.util.ArrayList;
import java.util.List;
import io.orgtrail.proto.v1.Batch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent connection ({@code Ingest/Stream} call). Messages are requested one at a time (manual flow control,
 * see {@link FlowGate}); acknowledgements come from several threads and are serialised here. When the agent
 * half-closes, the response stream is completed once every batch it sent has been answered.
 */
final class IngestStream implements StreamObserver<Batch>, AckSink {
  private static final Logger log = LoggerFactory.getLogger(IngestStream.class);

  private final ServerCallStreamObserver<Ack> responses;
  private final BatchIntake intake;
  private final FlowGate gate;
  private final Consumer<IngestStream> onEnd;
  private final HeadSource heads;
  /** The newest head sent on this stream, per region (a stream carries one agent, so one account). */
  private final java.util.Map<String, String> sentHeads = new java.util.HashMap<>();
  private long unanswered;
  private boolean halfClosed;
  private boolean ended;

  IngestStream(ServerCallStreamObserver<Ack> responses, BatchIntake intake, FlowGate gate, HeadSource heads,
      Consumer<IngestStream> onEnd) {
    this.responses = responses;
    this.heads = heads;
    this.intake = intake;
    this.gate = gate;
    this.onEnd = onEnd;
  }

  /** Must run inside the service method, before gRPC requests the first message by itself. */
  void start() {
    responses.disableAutoRequest();
    responses.setOnCancelHandler(this::cancelled);
    requestNext();
  }

  void requestNext() {
    try {
      responses.request(1);
    } catch (RuntimeException e) {
      log.debug("stream already closed, not requesting more: {}", e.toString());
    }
  }

  @Override
  public void onNext(Batch batch) {
    synchronized (this) {
      if (ended) {
        return;
      }
      unanswered++;
    }
    intake.receive(batch, this);
    gate.messageDone(this);
  }

  @Override
  public synchronized void send(Ack ack) {
    unanswered--;
    if (ended || responses.isCancelled()) {
      return;
    }
    try {
      responses.onNext(withNewHeads(ack));
    } catch (RuntimeException e) {
      log.debug("could not send an acknowledgement, the stream is gone: {}", e.toString());
      return;
    }
    if (halfClosed && unanswered == 0) {
      complete();
    }
  }

  /** Acknowledgements of written batches carry the heads of the agent's chains that advanced since the last. */
  private Ack withNewHeads(Ack ack) {
    if (ack.getStatus() != AckStatus.DURABLE && ack.getStatus() != AckStatus.DUPLICATE) {
      return ack;
    }
    List<ChainHead> fresh = new ArrayList<>();
    for (ChainHead h : heads.headsFor(ack.getAgentId())) {
      if (!h.digestS3Object().equals(sentHeads.put(h.region(), h.digestS3Object()))) {
        fresh.add(h);
      }
    }
    if (fresh.isEmpty()) {
      return ack;
    }
    Ack.Builder b = ack.toBuilder();
    for (ChainHead h : fresh) {
      b.addChainHeads(io.orgtrail.proto.v1.ChainHead.newBuilder()
          .setAccountId(h.accountId())
          .setRegion(h.region())
          .setDigestS3Bucket(h.digestS3Bucket())
          .setDigestS3Object(h.digestS3Object())
          .setDigestEndTime(h.digestEndTime())
          .setDigestHashValue(h.digestHashValue())
          .setSignature(h.signature())
          .setPreviousSignature(h.previousSignature() == null ? "" : h.previousSignature())
          .setFingerprint(h.fingerprint()));
    }
    return b.build();
  }

  @Override
  public void onError(Throwable t) {
    cancelled();
  }

  @Override
  public synchronized void onCompleted() {
    halfClosed = true;
    if (unanswered == 0 && !ended) {
      complete();
    }
  }

  /** Ends the call from our side (shutdown); {@code status} null means a normal end. */
  synchronized void shutdown(Status status) {
    if (ended) {
      return;
    }
    ended = true;
    try {
      if (status == null) {
        responses.onCompleted();
      } else {
        responses.onError(status.asRuntimeException());
      }
    } catch (RuntimeException e) {
      log.debug("stream already closed: {}", e.toString());
    }
    onEnd.accept(this);
  }

  private void complete() {
    ended = true;
    try {
      responses.onCompleted();
    } catch (RuntimeException e) {
      log.debug("stream already closed: {}", e.toString());
    }
    onEnd.accept(this);
  }

  private void cancelled() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    onEnd.accept(this);
  }
}
