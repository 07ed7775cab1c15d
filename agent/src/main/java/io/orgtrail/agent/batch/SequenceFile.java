package io.orgtrail.agent.batch;

import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's next batch sequence number, on disk. A number is written as used before a batch carrying it is sent,
 * so a restarted agent never sends a sequence again: the aggregator would take the reused one for a resend of an
 * already durable batch and drop it. One file per agent id, so re-enrolling with the same state directory starts
 * the new agent at 1.
 */
public final class SequenceFile {
  private final Path file;
  private long next;

  private SequenceFile(Path file, long next) {
    this.file = file;
    this.next = next;
  }

  public static SequenceFile open(Path stateDir, String agentId) throws IOException {
    Files.createDirectories(stateDir);
    Path file = stateDir.resolve("next-sequence-" + agentId);
    if (!Files.exists(file)) {
      return new SequenceFile(file, 1);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      long next = Long.parseLong(text);
      if (next < 1) {
        throw new NumberFormatException();
      }
      return new SequenceFile(file, next);
    } catch (NumberFormatException e) {
      throw new IOException(
          "sequence file " + file + " holds '" + text + "', not a positive number; it is written by the agent only. "
              + "Restore it, or delete it only if the agent was re-enrolled (else the aggregator drops new batches as duplicates)");
    }
  }

  /** Takes the next sequence number, persisting the one after it first. */
  public synchronized long take() throws IOException {
    long n = next;
    AtomicFiles.write(file, (Long.toString(n + 1) + "\n").getBytes(StandardCharsets.US_ASCII));
    next = n + 1;
    return n;
  }

  public synchronized long peek() {
    return next;
  }
}
