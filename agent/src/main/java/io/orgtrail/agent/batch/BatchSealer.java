package io.orgtrail.agent.batch;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.orgtrail.agent.spool.SourceMark;
import io.orgtrail.agent.spool.Spool;
import io.orgtrail.agent.spool.SpooledBatch;
import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.proto.v1.Batch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns closed batches into spooled ones, strictly in the order they were closed, on the pipeline thread: gives
 * each the next sequence number, signs it, appends it to the {@link Spool} and commits (fsync) — after every
 * group of batches, or at most every {@code fsyncInterval} (group commit) — and only then tells the sources their
 * events were accepted and hands the batch to the shipper.
 *
 * <p>When the spool cannot take a batch (disk full, I/O error), what reached the file of it is cut off again and
 * its sources are told it was refused; when a commit fails, every batch not yet committed is cut off and refused
 * (fsync failures leave the file's state unknown). Sequence numbers of cut-off batches are used again: nothing
 * carrying them was sent. Each later batch is tried afresh, so the agent recovers by itself when space is freed.
 * Sources hear about their batches strictly in the order they handed the events over (a refusal waits for the
 * commit of the batches before it), which lets them map outcomes back to events.
 * A batch whose {@link SourceMark} does not start where the spool says its source stands is refused too: records
 * of that source before it were refused, and spooling it would make the source skip them after a restart.
 */
public final class BatchSealer {
  private static final Logger log = LoggerFactory.getLogger(BatchSealer.class);
  /** With fsync per batch, a steady stream of batches is still committed at least this often. */
  private static final int MAX_UNCOMMITTED = 64;

  private final Spool spool;
  private final SequenceFile sequences;
  private final BatchSigner signer;
  private final Duration fsyncInterval;
  private final IntakeReservations reservations;
  private final Consumer<SealedBatch> next;
  private final ScheduledExecutorService scheduler;
  private final Consumer<String> errors;

  private final ArrayDeque<ClosedBatch> queue = new ArrayDeque<>(); // guarded by this
  private boolean draining; // guarded by this
  private int holding; // closed batches neither spooled nor refused yet; guarded by this

  // Only on the pipeline thread. Batches since the last commit, in order: written ones wait for the commit, and a
  // refused one behind them waits too, so every source hears about its batches in the order it handed them over.
  private final List<Outcome> uncommitted = new ArrayList<>();
  private boolean commitScheduled;
  private long lastCommitNanos = System.nanoTime();
  private boolean failing;
  private long failuresInARow;

  private final AtomicLong eventsSpooled = new AtomicLong();
  private final AtomicLong eventsRefused = new AtomicLong();
  private final AtomicLong writeFailures = new AtomicLong();

  /** A batch written to the spool ({@code spooled} set) or refused ({@code refusal} set). */
  private record Outcome(ClosedBatch batch, Batch message, SpooledBatch spooled, String refusal) {}

  /**
   * @param sequences reserved ahead of use, so sequence numbers never go back even without the spool
   * @param fsyncInterval {@link Duration#ZERO}: commit as soon as the batches at hand are written; else commit at
   *     most this often, each source waiting for the commit that covers its events
   * @param reservations given back as batches are spooled or refused
   * @param next receives each spooled batch, in sequence order
   * @param errors told what went wrong when the spool fails (for the agent's stats)
   */
  public BatchSealer(
      Spool spool,
      SequenceFile sequences,
      BatchSigner signer,
      Duration fsyncInterval,
      IntakeReservations reservations,
      Consumer<SealedBatch> next,
      ScheduledExecutorService scheduler,
      Consumer<String> errors) {
    this.spool = spool;
    this.sequences = sequences;
    this.signer = signer;
    this.fsyncInterval = fsyncInterval;
    this.reservations = reservations;
    this.next = next;
    this.scheduler = scheduler;
    this.errors = errors;
  }

  void submit(ClosedBatch batch) {
    synchronized (this) {
      holding++;
      queue.add(batch);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      scheduler.execute(this::drain);
    } catch (RejectedExecutionException stopped) {
      List<ClosedBatch> left;
      synchronized (this) {
        left = new ArrayList<>(queue);
        queue.clear();
        draining = false;
      }
      for (ClosedBatch b : left) {
        refuseNow(b, "the agent is stopping");
      }
    }
  }

  /** Batches closed but neither spooled nor refused yet. */
  public synchronized int queued() {
    return holding;
  }

  /** Waits until every closed batch was spooled or refused; false when {@code timeout} passed first. */
  public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (holding > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Commits what is written but not committed yet without waiting for the group commit interval: for stopping
   * (the pipeline then runs it before it ends, while it drops pending timers).
   */
  public void commitSoon() {
    try {
      scheduler.execute(this::commit);
    } catch (RejectedExecutionException stopped) {
      // the pipeline is gone; what is uncommitted is found in the spool at the next start
    }
  }

  /** Events in spooled batches: what sources were told was accepted. */
  public long eventsSpooled() {
    return eventsSpooled.get();
  }

  /** Events in batches the spool could not take: what sources were told was refused. */
  public long eventsRefused() {
    return eventsRefused.get();
  }

  /** Appends and commits that failed. */
  public long writeFailures() {
    return writeFailures.get();
  }

  private void drain() {
    while (true) {
      ClosedBatch batch;
      synchronized (this) {
        batch = queue.poll();
        if (batch == null) {
          draining = false;
          break;
        }
      }
      write(batch);
      if (fsyncInterval.isZero() && uncommitted.size() >= MAX_UNCOMMITTED) {
        commit();
      }
    }
    if (uncommitted.isEmpty()) {
      return;
    }
    if (fsyncInterval.isZero()) {
      commit();
    } else {
      scheduleCommit();
    }
  }

  private void write(ClosedBatch batch) {
    for (SourceMark m : batch.marks()) {
      long at = spool.position(m.key());
      if (m.from() != at) {
        refuse(batch, "records of " + m.key() + " before position " + m.from() + " were refused; the source "
            + "must hand them over again from position " + at);
        return;
      }
    }
    if (uncommitted.isEmpty()) {
      // A full disk may be full of batches acknowledged since: start a new segment and give their space back.
      spool.rollIfDrained();
    }
    long sequence = spool.nextSequence();
    try {
      sequences.reserveThrough(sequence);
      byte[] signature = signer.sign(sequence, batch.events());
      Batch.Builder b = Batch.newBuilder().setAgentId(signer.agentId()).setSequence(sequence);
      for (byte[] event : batch.events()) {
        // The records are never modified after intake, so wrapping them instead of copying is safe.
        b.addEvents(UnsafeByteOperations.unsafeWrap(event));
      }
      Batch message = b.setSignature(ByteString.copyFrom(signature)).build();
      SpooledBatch spooled = spool.append(sequence, message, batch.events().size(), batch.bytes(), batch.marks());
      uncommitted.add(new Outcome(batch, message, spooled, null));
    } catch (IOException e) {
      if (spool.discardFailedAppend()) {
        // The batches written before it are whole: they are committed as usual; only this one is refused.
        refuse(batch, failed(e, 1));
      } else {
        fail(e, batch);
      }
    } catch (RuntimeException e) {
      // Never leave the pipeline stuck on one batch (a drain that throws is never run again).
      log.error("cannot seal batch {}; refusing its {} events", sequence, batch.events().size(), e);
      spool.discardFailedAppend();
      refuse(batch, "the agent failed to seal the batch: " + e);
    }
  }

  /** Refuses a batch now, or after the written batches before it were committed. */
  private void refuse(ClosedBatch batch, String reason) {
    if (uncommitted.isEmpty()) {
      refuseNow(batch, reason);
    } else {
      uncommitted.add(new Outcome(batch, null, null, reason));
    }
  }

  private void scheduleCommit() {
    if (commitScheduled) {
      return;
    }
    commitScheduled = true;
    long wait = Math.max(0, lastCommitNanos + fsyncInterval.toNanos() - System.nanoTime());
    try {
      scheduler.schedule(() -> {
        commitScheduled = false;
        commit();
      }, wait, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      commitScheduled = false;
      commit();
    }
  }

  private void commit() {
    if (uncommitted.isEmpty()) {
      return;
    }
    try {
      spool.commit();
    } catch (IOException e) {
      fail(e, null);
      return;
    }
    lastCommitNanos = System.nanoTime();
    List<Outcome> done = List.copyOf(uncommitted);
    uncommitted.clear();
    boolean anyWritten = false;
    for (Outcome o : done) {
      if (o.spooled() == null) {
        refuseNow(o.batch(), o.refusal());
        continue;
      }
      anyWritten = true;
      reservations.release(o.batch().bytes(), o.batch().events().size());
      eventsSpooled.addAndGet(o.batch().events().size());
      SealedBatch sealed = new SealedBatch(o.spooled(), o.message(), o.batch().listeners());
      sealed.notifySpooled();
      next.accept(sealed);
      settledOne();
    }
    if (failing && anyWritten) {
      log.info("writing to the spool {} works again after {} failed writes", spool.directory(), failuresInARow);
      failing = false;
      failuresInARow = 0;
    }
    spool.rollIfFull();
    spool.rollIfDrained();
  }

  /** Cuts off what is not committed and refuses it, then {@code current} (not written) when there is one. */
  private void fail(IOException e, ClosedBatch current) {
    try {
      spool.rollback();
    } catch (IOException cut) {
      log.error("{}", cut.getMessage());
    }
    List<Outcome> cut = List.copyOf(uncommitted);
    uncommitted.clear();
    String reason = failed(e, cut.size() + (current != null ? 1 : 0));
    for (Outcome o : cut) {
      refuseNow(o.batch(), o.refusal() != null ? o.refusal() : reason);
    }
    if (current != null) {
      refuseNow(current, reason);
    }
  }

  /** Counts and reports a failed write that makes {@code batches} batches refused; returns the reason. */
  private String failed(IOException e, int batches) {
    writeFailures.incrementAndGet();
    failuresInARow++;
    String reason = "the agent cannot write to its spool " + spool.directory() + ": " + e.getMessage();
    if (!failing) {
      log.error("{}; refusing the events of {} batch(es) (PutAuditEvents answers 503, the directory source pauses) "
          + "and trying again with each new batch", reason, batches);
      failing = true;
    } else {
      log.debug("{} (failure {} in a row)", reason, failuresInARow);
    }
    errors.accept(reason);
    return reason;
  }

  private void refuseNow(ClosedBatch batch, String reason) {
    reservations.release(batch.bytes(), batch.events().size());
    eventsRefused.addAndGet(batch.events().size());
    batch.notifyRefused(reason);
    settledOne();
  }

  private synchronized void settledOne() {
    holding--;
    if (holding == 0) {
      notifyAll();
    }
  }
}
