package io.orgtrail.bench.rsyslog;

import java.nio.file.Path;

/** How far a reader got in the files it tails. */
@FunctionalInterface
public interface ReadOffsets {
  /** The reader's offset in {@code file}, or -1 when it does not have it open (yet, or any more). */
  long offset(Path file);
}
