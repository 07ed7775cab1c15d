package io.orgtrail.history;

import java.util.List;

/**
 * The outcome of {@link EventHistory#rebuild}.
 *
 * @param logFilesSeen log files under the prefix (digests and Insights files are not counted)
 * @param indexed files indexed by this rebuild
 * @param alreadyIndexed files skipped because they had been indexed before
 * @param eventsAdded events added
 * @param failures files that could not be read or indexed (each skipped)
 */
public record RebuildReport(int logFilesSeen, int indexed, int alreadyIndexed, long eventsAdded,
    List<Failure> failures) {

  public RebuildReport {
    failures = List.copyOf(failures);
  }

  /** A file the rebuild skipped, and why. */
  public record Failure(String objectKey, String reason) {}
}
