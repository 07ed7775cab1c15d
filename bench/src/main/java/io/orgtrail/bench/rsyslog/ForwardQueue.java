package io.orgtrail.bench.rsyslog;

import java.util.Arrays;
import java.util.Optional;

/** What backs an rsyslog agent's forwarding queue. */
public enum ForwardQueue {
  /**
   * Memory, spilling to queue files when it passes its high watermark (90 %), saved on shutdown: rsyslog's
   * counterpart of orgtrail's spool. A saturated agent's queue stays full, so then every line goes through disk.
   */
  DISK_ASSISTED("disk-assisted"),
  /**
   * Memory only, blocking when full: for a file source the input file itself is the buffer (imfile records its
   * offset), so nothing is lost on an outage either, only what the queue held on a crash. rsyslog's cheapest setup.
   */
  MEMORY("memory");

  private final String label;

  ForwardQueue(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The queue kind of a label ({@code disk-assisted}, {@code memory}). */
  public static Optional<ForwardQueue> of(String label) {
    return Arrays.stream(values()).filter(q -> q.label.equals(label)).findFirst();
  }
}
