package io.orgtrail.aggregator.ingest;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.orgtrail.proto.v1.Ack;
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
  private long unanswered;
  private boolean halfClosed;
  private boolean ended;

  IngestStream(ServerCallStreamObserver<Ack> responses, BatchIntake intake, FlowGate gate, Consumer<IngestStream> onEnd) {
    this.responses = responses;
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
      responses.onNext(ack);
    } catch (RuntimeException e) {
      log.debug("could not send an acknowledgement, the stream is gone: {}", e.toString());
      return;
    }
    if (halfClosed && unanswered == 0) {
      complete();
    }
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
