package io.orgtrail.agent.spool;

/**
 * The spool's size bound, as intake sees it. Before a source's records go into a batch, intake reserves their
 * bytes here; the reservation ends when their batch is written (its bytes then count as disk bytes) or refused.
 * Records fit when the segment files plus every reservation stay within the bound, or when the spool holds no
 * unacknowledged batch and nothing is reserved (else one record larger than the bound could never pass).
 * Disk bytes go down when acknowledgements let whole segments be deleted.
 */
public final class SpoolCapacity {
  private final long maxBytes;
  private long diskBytes; // guarded by this
  private long reserved; // guarded by this
  private long heldBatches; // guarded by this
  private long fullRefusals; // guarded by this

  public SpoolCapacity(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("the spool's maximum size must be above 0 bytes, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** Reserves {@code n} bytes if they fit now; counts a refusal when they do not. */
  public synchronized boolean tryReserve(long n) {
    if (!fits(n)) {
      fullRefusals++;
      return false;
    }
    reserved += n;
    return true;
  }

  /** Waits until {@code n} bytes fit, then reserves them; a wait counts as one refusal (the source pauses). */
  public synchronized void reserve(long n) throws InterruptedException {
    if (!fits(n)) {
      fullRefusals++;
      do {
        wait();
      } while (!fits(n));
    }
    reserved += n;
  }

  /** Ends a reservation: its batch was written or refused. */
  public synchronized void release(long n) {
    reserved -= n;
    notifyAll();
  }

  /** The spool's files grew or shrank by {@code diskDelta} and it holds {@code batchDelta} more batches. */
  synchronized void changed(long diskDelta, long batchDelta) {
    diskBytes += diskDelta;
    heldBatches += batchDelta;
    if (diskDelta < 0 || batchDelta < 0) {
      notifyAll();
    }
  }

  public long maxBytes() {
    return maxBytes;
  }

  public synchronized long reserved() {
    return reserved;
  }

  public synchronized long diskBytes() {
    return diskBytes;
  }

  /** Calls refused (HTTP 503) and source pauses because the spool was full. */
  public synchronized long fullRefusals() {
    return fullRefusals;
  }

  /** Whether {@code n} more bytes would not fit now (sources would be paused or refused). */
  public synchronized boolean wouldRefuse(long n) {
    return !fits(n);
  }

  private boolean fits(long n) {
    return (heldBatches == 0 && reserved == 0) || diskBytes + reserved + n <= maxBytes;
  }
}
