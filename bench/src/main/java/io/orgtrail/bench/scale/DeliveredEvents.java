package io.orgtrail.bench.scale;

import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Every event in the log files the aggregator delivered, by origin: read from the store after the run and matched
 * against what the simulators were told was durable. An event's eventID names its stream, batch and position
 * ({@link EventIds}), so one bit per sent event is all the bookkeeping needed.
 *
 * <p>The simulators write each record with {@code {"eventID":"} first and the aggregator never re-serialises a
 * record, so records are counted by that opening; every {@value #CROSS_CHECK_EVERY}th file is also split with
 * {@link RecordSplitter} and must give the same count.
 */
final class DeliveredEvents {
  static final int CROSS_CHECK_EVERY = 50;
  private static final byte[] OPENING = "{\"eventID\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WRAPPER = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);

  /**
   * What the store holds.
   *
   * @param records records in the log files, this run's or not
   * @param foreign records whose eventID is not one of this run's
   * @param duplicates records whose eventID was seen before
   * @param perStream per stream, bit {@code (sequence - 1) * batchSize + index} for each delivered event
   */
  record Delivered(long files, long records, long foreign, long duplicates, BitSet[] perStream, int batchSize) {}

  /**
   * The comparison with the acknowledgements.
   *
   * @param acknowledged events the simulators had acknowledged DURABLE
   * @param deliveredAcknowledged distinct delivered events of acknowledged batches
   * @param lost acknowledged events not in any log file (must be 0)
   * @param deliveredUnacknowledged distinct delivered events of batches never acknowledged (possible only when a
   *     stream failed or the drain timed out: written, but the answer did not arrive)
   * @param streamsWithLoss streams with at least one lost event
   */
  record Reconciliation(long files, long records, long acknowledged, long deliveredAcknowledged, long lost,
      long duplicates, long deliveredUnacknowledged, long foreign, int streamsWithLoss) {
    boolean clean() {
      return lost == 0 && duplicates == 0 && foreign == 0 && deliveredUnacknowledged == 0;
    }
  }

  private final EventIds ids;
  private final int streams;
  private final int batchSize;
  private final int threads;

  DeliveredEvents(EventIds ids, int streams, int batchSize, int threads) {
    this.ids = ids;
    this.streams = streams;
    this.batchSize = batchSize;
    this.threads = threads;
  }

  /** Reads every log file of {@code store}. */
  Delivered read(ObjectStore store) throws StoreException, IOException, InterruptedException {
    List<ObjectInfo> files = new ArrayList<>();
    for (ObjectInfo o : store.list("")) {
      if (isLogFile(o.key())) {
        files.add(o);
      }
    }
    BitSet[] perStream = new BitSet[streams];
    for (int i = 0; i < streams; i++) {
      perStream[i] = new BitSet();
    }
    AtomicLong records = new AtomicLong();
    AtomicLong foreign = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        work.add(pool.submit(() -> {
          for (int i = first; i < files.size(); i += threads) {
            readFile(store, files.get(i).key(), i % CROSS_CHECK_EVERY == 0, perStream, records, foreign, duplicates);
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StoreException s) {
        throw s;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("reading the delivered files failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    return new Delivered(files.size(), records.get(), foreign.get(), duplicates.get(), perStream, batchSize);
  }

  static boolean isLogFile(String key) {
    return key.contains("/CloudTrail/") && key.endsWith(".json.gz");
  }

  private void readFile(ObjectStore store, String key, boolean crossCheck, BitSet[] perStream, AtomicLong records,
      AtomicLong foreign, AtomicLong duplicates) throws StoreException, IOException {
    Optional<StoredObject> object = store.get(key);
    if (object.isEmpty()) {
      throw new IOException(key + " was listed but is gone from the store");
    }
    byte[] json;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(object.get().content()))) {
      json = in.readAllBytes();
    } catch (IOException e) {
      throw new IOException(key + " is not gzip: " + e.getMessage(), e);
    }
    if (!startsWith(json, 0, WRAPPER)) {
      throw new IOException(key + " does not start with {\"Records\":[ as the aggregator writes log files");
    }
    long count = 0;
    for (int at = indexOf(json, OPENING, 0); at >= 0; at = indexOf(json, OPENING, at + OPENING.length)) {
      count++;
      Optional<EventIds.Origin> origin = ids.parse(json, at + OPENING.length);
      if (origin.isEmpty() || origin.get().stream() >= streams || origin.get().index() >= batchSize) {
        foreign.incrementAndGet();
        continue;
      }
      EventIds.Origin o = origin.get();
      BitSet bits = perStream[o.stream()];
      int bit = Math.toIntExact((o.sequence() - 1) * batchSize + o.index());
      synchronized (bits) {
        if (bits.get(bit)) {
          duplicates.incrementAndGet();
        } else {
          bits.set(bit);
        }
      }
    }
    if (crossCheck) {
      int split;
      try {
        split = new RecordSplitter().split(json).size();
      } catch (InvalidFileException e) {
        throw new IOException(key + " is not a CloudTrail log file: " + e.getMessage(), e);
      }
      if (split != count) {
        throw new IOException(key + " holds " + split + " records but " + count + " start with {\"eventID\":\" "
            + "(the count by openings is wrong for these records; a template holds a nested eventID first?)");
      }
    }
    records.addAndGet(count);
  }

  /** Compares the delivered events with each stream's acknowledgements. */
  static Reconciliation reconcile(Delivered delivered, List<StreamResult> results) {
    long acknowledged = 0;
    long deliveredAcknowledged = 0;
    long lost = 0;
    long unacknowledged = 0;
    int streamsWithLoss = 0;
    int batchSize = delivered.batchSize();
    for (StreamResult r : results) {
      acknowledged += r.ackedEvents();
      Set<Long> notAcknowledged = new HashSet<>(r.unackedSequences());
      notAcknowledged.addAll(r.rejectedSequences());
      BitSet bits = delivered.perStream()[r.stream()];
      long ofAcknowledged = 0;
      for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
        long sequence = bit / batchSize + 1;
        if (sequence <= r.sentBatches() && !notAcknowledged.contains(sequence)) {
          ofAcknowledged++;
        } else {
          unacknowledged++;
        }
      }
      deliveredAcknowledged += ofAcknowledged;
      long missing = r.ackedEvents() - ofAcknowledged;
      if (missing > 0) {
        lost += missing;
        streamsWithLoss++;
      }
    }
    return new Reconciliation(delivered.files(), delivered.records(), acknowledged, deliveredAcknowledged, lost,
        delivered.duplicates(), unacknowledged, delivered.foreign(), streamsWithLoss);
  }

  private static boolean startsWith(byte[] in, int at, byte[] prefix) {
    if (at + prefix.length > in.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (in[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] in, byte[] what, int from) {
    byte first = what[0];
    for (int i = from; i + what.length <= in.length; i++) {
      if (in[i] == first && startsWith(in, i, what)) {
        return i;
      }
    }
    return -1;
  }
}
