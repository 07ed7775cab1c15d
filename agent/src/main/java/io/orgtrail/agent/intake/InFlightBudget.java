package io.orgtrail.agent.intake;

/**
 * Bounds the records the agent holds in memory before they are in the spool (in the open batch, or waiting to be
 * sealed and written). Records are counted from intake until their batch is spooled or refused; after that the
 * spool's own bound applies.
 *
 * <p>When nothing is held, any amount fits: a request larger than the whole budget must still get through
 * eventually rather than wait forever.
 */
public final class InFlightBudget {
  private final long maxBytes;
  private long bytes; // guarded by this
  private long events; // guarded by this

  public InFlightBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Waits until {@code n} bytes fit, then takes them. */
  public synchronized void acquire(long n, int eventCount) throws InterruptedException {
    while (!fits(n)) {
      wait();
    }
    take(n, eventCount);
  }

  /** Takes {@code n} bytes if they fit now. */
  public synchronized boolean tryAcquire(long n, int eventCount) {
    if (!fits(n)) {
      return false;
    }
    take(n, eventCount);
    return true;
  }

  public synchronized void release(long n, int eventCount) {
    bytes -= n;
    events -= eventCount;
    notifyAll();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized long events() {
    return events;
  }

  public long maxBytes() {
    return maxBytes;
  }

  private boolean fits(long n) {
    return bytes == 0 || bytes + n <= maxBytes;
  }

  private void take(long n, int eventCount) {
    bytes += n;
    events += eventCount;
  }
}
