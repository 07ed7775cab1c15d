package io.orgtrail.access.server;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.orgtrail.proto.v1.ObjectChunk;
import io.orgtrail.store.StoredObject;

/**
 * Streams one object in chunks of at most 1 MiB, only as fast as the client reads (gRPC flow control), so a slow
 * reader never makes the server buffer the whole object a second time. The first chunk carries the size and the
 * user metadata; an empty object is one empty chunk.
 */
final class ChunkedObjectSender implements Runnable {
  static final int CHUNK_BYTES = 1024 * 1024;

  private final ServerCallStreamObserver<ObjectChunk> out;
  private final byte[] content;
  private final StoredObject object;
  private int offset;
  private boolean firstSent;
  private boolean finished;

  private ChunkedObjectSender(ServerCallStreamObserver<ObjectChunk> out, StoredObject object) {
    this.out = out;
    this.object = object;
    this.content = object.content();
  }

  /** Starts streaming; returns at once, the rest is sent as the client makes room. */
  static void send(ServerCallStreamObserver<ObjectChunk> out, StoredObject object) {
    ChunkedObjectSender sender = new ChunkedObjectSender(out, object);
    out.setOnCancelHandler(sender::cancel);
    out.setOnReadyHandler(sender);
    sender.run();
  }

  @Override
  public synchronized void run() {
    while (!finished && out.isReady()) {
      int length = Math.min(CHUNK_BYTES, content.length - offset);
      ObjectChunk.Builder chunk = ObjectChunk.newBuilder().setData(ByteString.copyFrom(content, offset, length));
      if (!firstSent) {
        chunk.setSize(content.length).putAllUserMetadata(object.userMetadata());
        firstSent = true;
      }
      out.onNext(chunk.build());
      offset += length;
      if (offset >= content.length) {
        finished = true;
        out.onCompleted();
      }
    }
  }

  private synchronized void cancel() {
    finished = true;
  }
}
