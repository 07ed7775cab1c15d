package io.orgtrail.agent.batch;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.proto.v1.Batch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives closed batches their sequence numbers, signs them and hands them on, strictly in the order they were
 * closed, on the pipeline thread (so sources never wait for the disk write of the sequence number). When the
 * sequence number cannot be persisted the batch waits and is retried every second: sending it unrecorded could
 * reuse its number after a restart.
 */
public final class BatchSealer {
  private static final Logger log = LoggerFactory.getLogger(BatchSealer.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final SequenceFile sequences;
  private final BatchSigner signer;
  private final Consumer<SealedBatch> next;
  private final ScheduledExecutorService scheduler;
  private final Consumer<String> errors;

  private final ArrayDeque<ClosedBatch> queue = new ArrayDeque<>(); // guarded by this
  private boolean draining; // guarded by this
  private boolean failing; // only on the pipeline thread

  /**
   * @param next receives each sealed batch, in sequence order
   * @param errors told what went wrong when sealing fails (for the agent's stats)
   */
  public BatchSealer(
      SequenceFile sequences,
      BatchSigner signer,
      Consumer<SealedBatch> next,
      ScheduledExecutorService scheduler,
      Consumer<String> errors) {
    this.sequences = sequences;
    this.signer = signer;
    this.next = next;
    this.scheduler = scheduler;
    this.errors = errors;
  }

  synchronized void submit(ClosedBatch batch) {
    queue.add(batch);
    if (!draining) {
      draining = true;
      scheduler.execute(this::drain);
    }
  }

  /** Batches closed but not yet sealed. */
  public synchronized int queued() {
    return queue.size();
  }

  /** Waits until every closed batch was sealed and handed on; false when {@code timeout} passed first. */
  public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!queue.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void drain() {
    while (true) {
      ClosedBatch batch;
      synchronized (this) {
        batch = queue.peek();
        if (batch == null) {
          draining = false;
          notifyAll();
          return;
        }
      }
      SealedBatch sealed;
      try {
        sealed = seal(batch);
      } catch (IOException e) {
        String message = "cannot record the next batch sequence number, holding " + queued()
            + " batches until it works (retrying every " + RETRY.toSeconds() + "s): " + e;
        if (!failing) {
          log.error(message);
          failing = true;
        }
        errors.accept(message);
        try {
          scheduler.schedule(this::drain, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
          log.error("agent stopped with {} batches that could not be given a sequence number", queued());
        }
        return;
      }
      if (failing) {
        log.info("batch sequence numbers are recorded again");
        failing = false;
      }
      next.accept(sealed);
      synchronized (this) {
        queue.poll();
      }
    }
  }

  private SealedBatch seal(ClosedBatch batch) throws IOException {
    long sequence = sequences.take();
    byte[] signature = signer.sign(sequence, batch.events());
    Batch.Builder b = Batch.newBuilder().setAgentId(signer.agentId()).setSequence(sequence);
    for (byte[] event : batch.events()) {
      // The records are never modified after intake, so wrapping them instead of copying is safe.
      b.addEvents(UnsafeByteOperations.unsafeWrap(event));
    }
    b.setSignature(ByteString.copyFrom(signature));
    return new SealedBatch(b.build(), batch.events().size(), batch.bytes(), batch.listeners());
  }
}
