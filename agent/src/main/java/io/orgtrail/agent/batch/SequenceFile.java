package io.orgtrail.agent.batch;

import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bound on the batch sequence numbers the agent has used, on disk: every number below {@link #limit()} may have
 * been used. The spool knows the exact next number; this file is what keeps numbers from going back when the
 * spool is gone (deleted, or a new one after an upgrade): a reused number would make the aggregator take a new
 * batch for a resend of an old one and drop it. Numbers are reserved {@value #BLOCK} at a time, so the file is
 * written once per {@value #BLOCK} batches. One file per agent id, so re-enrolling with the same state directory
 * starts the new agent at 1. (Earlier versions wrote the exact next number here, which is such a bound too.)
 */
public final class SequenceFile {
  /** Sequence numbers reserved per write. */
  public static final long BLOCK = 1024;

  private final Path file;
  private long limit; // guarded by this

  private SequenceFile(Path file, long limit) {
    this.file = file;
    this.limit = limit;
  }

  public static SequenceFile open(Path stateDir, String agentId) throws IOException {
    Files.createDirectories(stateDir);
    Path file = stateDir.resolve("next-sequence-" + agentId);
    if (!Files.exists(file)) {
      return new SequenceFile(file, 1);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      long limit = Long.parseLong(text);
      if (limit < 1) {
        throw new NumberFormatException();
      }
      return new SequenceFile(file, limit);
    } catch (NumberFormatException e) {
      throw new IOException(
          "sequence file " + file + " holds '" + text + "', not a positive number; it is written by the agent only. "
              + "Restore it, or delete it only if the agent was re-enrolled (else the aggregator drops new batches as duplicates)");
    }
  }

  /** Every sequence number below this may have been used. */
  public synchronized long limit() {
    return limit;
  }

  /** Makes sure {@code sequence} is below the limit on disk before it is used. */
  public synchronized void reserveThrough(long sequence) throws IOException {
    if (sequence < limit) {
      return;
    }
    long next = sequence + BLOCK;
    AtomicFiles.write(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
    limit = next;
  }
}
