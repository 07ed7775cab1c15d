package io.orgtrail.aggregator.ingest;

import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.aggregator.sequence.EventIndexes;
import io.orgtrail.format.logfile.LogFile;
import io.orgtrail.format.logfile.LogFileAssembler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Events collected for one (account, region) log file, in arrival order, until the file rolls. Guarded by the
 * {@link FileRouter}'s lock while open; owned by one writer task once sealed.
 */
final class OpenFile {
  /** {@code {"Records":[} plus {@code ]}}. */
  private static final int WRAPPER_BYTES = 14;

  private final Route route;
  private final Instant openedAt;
  private final List<byte[]> records = new ArrayList<>();
  private final List<Instant> eventTimes = new ArrayList<>();
  private final List<PendingBatch> batches = new ArrayList<>();
  /** Parallel to {@link #batches}: which of each batch's events this file holds. */
  private final List<BitSet> indexes = new ArrayList<>();
  private long uncompressedBytes = WRAPPER_BYTES;
  private long eventBytes;
  private int recordCount;

  OpenFile(Route route, Instant openedAt) {
    this.route = route;
    this.openedAt = openedAt;
  }

  Route route() {
    return route;
  }

  Instant openedAt() {
    return openedAt;
  }

  boolean hasRoomFor(int recordBytes, long maxFileBytes) {
    return records.isEmpty() || uncompressedBytes + 1 + recordBytes <= maxFileBytes;
  }

  void add(AcceptedEvent event, PendingBatch batch) {
    if (!records.isEmpty()) {
      uncompressedBytes++; // the comma
    }
    records.add(event.bytes());
    eventTimes.add(event.eventTime());
    uncompressedBytes += event.bytes().length;
    eventBytes += event.bytes().length;
    recordCount++;
    // One router call appends all of a batch's events under one lock, so a batch already in this file is last.
    if (batches.isEmpty() || batches.get(batches.size() - 1) != batch) {
      batches.add(batch);
      indexes.add(new BitSet());
      batch.joinedFile();
    }
    indexes.get(indexes.size() - 1).set(event.index());
  }

  long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** The records' bytes, which the memory budget counts. */
  long eventBytes() {
    return eventBytes;
  }

  int recordCount() {
    return recordCount;
  }

  List<PendingBatch> batches() {
    return batches;
  }

  /** Which events of which batches this file holds: journaled with it before it is put. */
  List<BatchEvents> holds() {
    List<BatchEvents> holds = new ArrayList<>(batches.size());
    for (int i = 0; i < batches.size(); i++) {
      PendingBatch b = batches.get(i);
      holds.add(new BatchEvents(b.agentId(), b.sequence(), EventIndexes.copyOf(indexes.get(i))));
    }
    return holds;
  }

  /** Builds the gzip file from the records' exact bytes. Called once, on a writer thread. */
  LogFile assemble(int compressionLevel) {
    LogFileAssembler assembler = new LogFileAssembler(compressionLevel);
    for (int i = 0; i < records.size(); i++) {
      assembler.add(records.get(i), eventTimes.get(i));
    }
    LogFile file = assembler.finish();
    // The gzipped file is all a retry needs; the raw records would only double the memory held while waiting.
    records.clear();
    eventTimes.clear();
    return file;
  }
}
