package io.orgtrail.agent.batch;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * Follows events a source handed over, in order, until the spool took or refused each of them, so the source can
 * answer for each: a PutAuditEvents call, a chunk of a file. Tell it how many were handed over with
 * {@link #handedOver} (outcomes may arrive before that), then {@link #await} it.
 */
public final class AcceptanceTicket implements SettlementListener {
  private final BitSet spooled = new BitSet(); // guarded by this
  private int told; // guarded by this
  private int expected = -1; // guarded by this
  private String refusal; // guarded by this

  @Override
  public synchronized void spooled(int events) {
    spooled.set(told, told + events);
    told += events;
    notifyAll();
  }

  @Override
  public synchronized void refused(int events, String reason) {
    told += events;
    if (refusal == null) {
      refusal = reason;
    }
    notifyAll();
  }

  @Override
  public void settled(int events, boolean acknowledged) {
    // Sources are answered at spool time; what the aggregator does later is the spool's business.
  }

  /** {@code events} were handed over in all; the ticket is complete once each of them was spooled or refused. */
  public synchronized void handedOver(int events) {
    expected = events;
    notifyAll();
  }

  /** Waits until every event handed over was spooled or refused. */
  public synchronized void await() throws InterruptedException {
    while (!complete()) {
      wait();
    }
  }

  /** Waits until every event handed over was spooled or refused; false when {@code timeout} passed first. */
  public synchronized boolean await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!complete()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  public synchronized boolean complete() {
    return expected >= 0 && told >= expected;
  }

  /** Whether the event handed over at {@code index} (0-based) was spooled. */
  public synchronized boolean isSpooled(int index) {
    return spooled.get(index);
  }

  public synchronized int spooledCount() {
    return spooled.cardinality();
  }

  /** How many events, from the first, were spooled before the first refused one. */
  public synchronized int spooledPrefix() {
    return Math.min(spooled.nextClearBit(0), told);
  }

  /** Why the first refused event was refused, or null. */
  public synchronized String refusal() {
    return refusal;
  }
}
