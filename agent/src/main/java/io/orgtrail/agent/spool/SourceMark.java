package io.orgtrail.agent.spool;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How far a source's records reached, written with the batch that holds them so that the data and the source's
 * progress are on disk together (one checksummed record) or not at all. A source with a position (a file) marks
 * each record it hands over with the span it covers: {@code from} is where the source stood after its previous
 * accepted record, {@code to} is where it stands after this one. After a restart the source resumes at the
 * latest {@code to} the spool recovered, so nothing is read twice.
 *
 * @param key the source's stable name (for a file: its path, size and modification time)
 * @param from the position before the record(s); records between {@code from} and the first record were refused
 *     at intake (invalid) and need no space
 * @param to the position after the last record
 */
public record SourceMark(String key, long from, long to) {
  /** Keys are stored with a 16-bit length. */
  public static final int MAX_KEY_BYTES = 16 * 1024;

  public SourceMark {
    Objects.requireNonNull(key, "key");
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("a source mark key is at most " + MAX_KEY_BYTES + " bytes: " + key);
    }
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("a source mark spans from <= to, both >= 0; got " + from + ".." + to);
    }
  }

  /** Two consecutive marks of one key as the one a batch holding both records keeps. */
  public SourceMark through(SourceMark later) {
    return new SourceMark(key, from, later.to);
  }
}
