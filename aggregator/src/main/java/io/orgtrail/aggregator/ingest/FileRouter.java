package io.orgtrail.aggregator.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open log files, one per (account, region), and the rules that roll them: age (first event older than the
 * roll interval), size (uncompressed bytes reaching the maximum), memory pressure (biggest first), and shutdown.
 * A rolled ("sealed") file is handed to {@code sealed}, which writes it.
 *
 * <p>One lock for all files, taken once per batch (not per event): appending is a few list operations per event.
 */
final class FileRouter {
  private final long maxFileBytes;
  private final Clock clock;
  private final Consumer<OpenFile> sealed;
  private final Map<Route, OpenFile> open = new HashMap<>();
  private long openBytes;
  private boolean closed;

  FileRouter(long maxFileBytes, Clock clock, Consumer<OpenFile> sealed) {
    this.maxFileBytes = maxFileBytes;
    this.clock = clock;
    this.sealed = sealed;
  }

  /** Adds a batch's accepted events to their files; the batch joins every file that receives one of them. */
  synchronized void append(PendingBatch batch, List<AcceptedEvent> events) {
    Route route = null;
    OpenFile file = null;
    for (AcceptedEvent e : events) {
      if (e.route() != route) {
        route = e.route();
        file = open.get(route);
      }
      if (file != null && !file.hasRoomFor(e.bytes().length, maxFileBytes)) {
        seal(file);
        file = null;
      }
      if (file == null) {
        file = new OpenFile(route, clock.instant());
        open.put(route, file);
      }
      file.add(e, batch);
      openBytes += e.bytes().length;
      if (file.uncompressedBytes() >= maxFileBytes) {
        seal(file);
        file = null;
      }
    }
    if (closed) {
      sealAll();
    }
  }

  /** Rolls every file whose first event arrived at least {@code interval} ago. */
  synchronized void rollExpired(Duration interval) {
    Instant cutoff = clock.instant().minus(interval);
    List<OpenFile> due = new ArrayList<>();
    for (OpenFile f : open.values()) {
      if (!f.openedAt().isAfter(cutoff)) {
        due.add(f);
      }
    }
    due.forEach(this::seal);
  }

  /** Rolls the biggest files until the open ones hold at most {@code target} event bytes. */
  synchronized void rollBiggestDownTo(long target) {
    if (openBytes <= target) {
      return;
    }
    List<OpenFile> bySize = new ArrayList<>(open.values());
    bySize.sort(Comparator.comparingLong(OpenFile::eventBytes).reversed());
    for (OpenFile f : bySize) {
      if (openBytes <= target) {
        return;
      }
      seal(f);
    }
  }

  /** Rolls everything now; from here on every append is rolled at once (used when shutting down). */
  synchronized void close() {
    closed = true;
    sealAll();
  }

  synchronized long openBytes() {
    return openBytes;
  }

  synchronized int openFiles() {
    return open.size();
  }

  private void sealAll() {
    new ArrayList<>(open.values()).forEach(this::seal);
  }

  private void seal(OpenFile f) {
    open.remove(f.route());
    openBytes -= f.eventBytes();
    sealed.accept(f);
  }
}
