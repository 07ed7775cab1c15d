package io.orgtrail.agent.spool;

import com.google.protobuf.InvalidProtocolBufferException;
import io.orgtrail.proto.v1.Batch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's disk spool: sealed batches (the serialized {@code Batch}, exactly as sent) in append-only,
 * CRC32C-checksummed segment files, kept until the aggregator acknowledges them. See {@link Frames} for the
 * encoding.
 *
 * <ul>
 *   <li>One writer thread {@link #append appends} batches with consecutive sequence numbers and
 *       {@link #commit commits} them (fsync); only committed batches may be acknowledged to sources and sent.
 *       When an append or commit fails, {@link #rollback} cuts the uncommitted batches off the file again and
 *       their sequence numbers are used again.
 *   <li>Acknowledgements are appended to the segment's {@code .acks} file; a segment whose batches are all
 *       acknowledged is deleted, except the one being written to. Segments roll at {@code segmentBytes}.
 *   <li>Opening a spool recovers it (see {@link SpoolRecovery}): the unacknowledged batches are
 *       {@link #unacknowledged() listed} for resending, in sequence order, and the next sequence number continues
 *       after everything the spool ever held.
 *   <li>Sources with a position record it in {@link SourceMark}s inside the batch records; the latest position
 *       of every source not yet {@link #forgetMark forgotten} is copied into each new segment, so deleting old
 *       segments never loses one.
 * </ul>
 */
public final class Spool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  /**
   * Space kept back in a file of its own, so that a full disk can still start a new segment: without it, a spool
   * whose only segment filled the disk could never roll over and free that segment once it is acknowledged.
   */
  static final String RESERVE_FILE = "reserve";
  static final int RESERVE_BYTES = 64 * 1024;
  /** A drained segment this long is replaced at once by a new one, giving its space back. */
  private static final long DRAINED_ROLL_BYTES = 1 << 20;

  private final Path dir;
  private final String agentId;
  private final long segmentBytes;
  private final Clock clock;
  private final SpoolCapacity capacity;
  private final List<SpooledBatch> recovered;
  private final long corruptTails;
  private final long corruptBytes;

  // All guarded by this.
  private final TreeMap<Long, Segment> segments;
  private Segment active;
  private long nextSequence;
  private final List<SpooledBatch> uncommitted = new ArrayList<>();
  private final Map<String, Long> committedMarks;
  private final Map<String, Long> pendingMarks = new HashMap<>();
  private long batches;
  private long events;
  private long bytes;
  private long diskBytes;
  private boolean cutPending; // a rollback could not cut the file: refused data may still be in it
  private boolean rollFailing;
  private boolean ackFailing;
  private boolean writeFailed; // a write was refused (e.g. no space) since the last roll
  private long ackWriteFailures;
  private boolean closed;

  private Spool(Path dir, String agentId, long segmentBytes, Clock clock, SpoolCapacity capacity,
      SpoolRecovery.Recovered r, long nextSequence) {
    this.dir = dir;
    this.agentId = agentId;
    this.segmentBytes = segmentBytes;
    this.clock = clock;
    this.capacity = capacity;
    this.segments = r.segments();
    this.committedMarks = new HashMap<>(r.marks());
    this.nextSequence = nextSequence;
    this.corruptTails = r.corruptTails();
    this.corruptBytes = r.corruptBytes();
    List<SpooledBatch> left = new ArrayList<>();
    for (Segment s : segments.values()) {
      left.addAll(s.unacked.values());
      diskBytes += s.length + s.ackBytes();
    }
    this.recovered = List.copyOf(left);
    for (SpooledBatch b : recovered) {
      batches++;
      events += b.events();
      bytes += b.bytes();
    }
  }

  /**
   * Opens (and recovers) the spool in {@code dir}, creating it when needed.
   *
   * @param maxBytes the size bound sources are held to (see {@link SpoolCapacity})
   * @param segmentBytes a segment takes no new batch once it is this long
   * @param firstSequenceWhenEmpty the first sequence number when the directory holds no segment at all (a new
   *     spool): the agent's sequence file, so that numbers never go back when a spool is deleted
   * @throws IOException when the directory cannot be used or holds another agent's segments
   */
  public static Spool open(Path dir, String agentId, long maxBytes, long segmentBytes, long firstSequenceWhenEmpty,
      Clock clock) throws IOException {
    if (segmentBytes < 1) {
      throw new IllegalArgumentException("segmentBytes must be above 0, got " + segmentBytes);
    }
    Files.createDirectories(dir);
    SpoolRecovery.Recovered r = new SpoolRecovery(dir, agentId).run();
    long next = r.anySegment() ? r.nextSequence() : Math.max(1, firstSequenceWhenEmpty);
    SpoolCapacity capacity = new SpoolCapacity(maxBytes);
    Spool spool = new Spool(dir, agentId, segmentBytes, clock, capacity, r, next);
    try {
      if (spool.segments.isEmpty()) {
        Segment s = spool.createSegment(next, List.of());
        spool.segments.put(s.name, s);
        spool.diskBytes += s.length;
      }
      spool.active = spool.segments.lastEntry().getValue();
      spool.keepReserve();
    } catch (IOException | RuntimeException e) {
      spool.close();
      throw e;
    }
    capacity.changed(spool.diskBytes, spool.batches);
    if (!spool.recovered.isEmpty()) {
      log.info("spool {}: {} unacknowledged batches ({} events, sequences {} to {}) to resend", dir,
          spool.recovered.size(), spool.events, spool.recovered.get(0).sequence(),
          spool.recovered.get(spool.recovered.size() - 1).sequence());
    }
    return spool;
  }

  public Path directory() {
    return dir;
  }

  public SpoolCapacity capacity() {
    return capacity;
  }

  /** The batches found unacknowledged when the spool was opened, in sequence order. */
  public List<SpooledBatch> unacknowledged() {
    return recovered;
  }

  /** The sequence number the next {@link #append} must carry. */
  public synchronized long nextSequence() {
    return nextSequence;
  }

  /** The latest position of every source the spool holds a mark of (recovered or written since). */
  public synchronized Map<String, Long> marks() {
    Map<String, Long> all = new HashMap<>(committedMarks);
    all.putAll(pendingMarks);
    return all;
  }

  /**
   * Where a source stands in the spool: the {@code to} of its latest mark written (committed or not), 0 when
   * there is none. A batch whose mark does not start there would leave a hole (records refused before it).
   */
  public synchronized long position(String key) {
    Long p = pendingMarks.get(key);
    return p != null ? p : committedMarks.getOrDefault(key, 0L);
  }

  /** Stops copying a source's mark into new segments: the source recorded elsewhere that it is done. */
  public synchronized void forgetMark(String key) {
    committedMarks.remove(key);
  }

  /**
   * Writes a batch record at the end of the active segment, not yet forced to disk.
   *
   * @param sequence must be {@link #nextSequence()}
   * @throws IOException when the write fails; call {@link #rollback()} then
   */
  public SpooledBatch append(long sequence, Batch batch, int eventCount, long recordBytes, List<SourceMark> marks)
      throws IOException {
    Segment s;
    synchronized (this) {
      ensureOpen();
      if (sequence != nextSequence) {
        throw new IllegalStateException("append of sequence " + sequence + " while " + nextSequence + " is next");
      }
      if (cutPending) {
        cutUncommitted(active); // throws while the file still cannot be cut
      }
      s = active;
    }
    long at = clock.millis();
    ByteBuffer frame = Frames.batchFrame(sequence, at, eventCount, recordBytes, marks, batch.toByteArray());
    int length = frame.remaining();
    long offset = s.append(frame);
    SpooledBatch b = new SpooledBatch(sequence, eventCount, recordBytes, at, new SpoolLocation(s.name, offset, length));
    synchronized (this) {
      s.unacked.put(sequence, b);
      s.batches++;
      uncommitted.add(b);
      nextSequence = sequence + 1;
      batches++;
      events += eventCount;
      bytes += recordBytes;
      diskBytes += length;
      for (SourceMark m : marks) {
        pendingMarks.merge(m.key(), m.to(), Math::max);
      }
    }
    capacity.changed(length, 1);
    return b;
  }

  /**
   * Forces what was appended since the last commit to disk. From now on those batches may be acknowledged to
   * their sources and sent.
   *
   * @throws IOException when the force fails; call {@link #rollback()} then
   */
  public void commit() throws IOException {
    Segment s;
    synchronized (this) {
      ensureOpen();
      if (uncommitted.isEmpty()) {
        return;
      }
      s = active;
    }
    s.data.force(false);
    synchronized (this) {
      s.committedLength = s.length;
      uncommitted.clear();
      pendingMarks.forEach((k, v) -> committedMarks.merge(k, v, Math::max));
      pendingMarks.clear();
    }
  }

  /**
   * After a failed {@link #append}: cuts off whatever part of it reached the file, keeping the batches appended
   * before it (still to be committed).
   *
   * @return false when the file could not be cut; then {@link #rollback()} (which fails too, until it can cut)
   */
  public synchronized boolean discardFailedAppend() {
    writeFailed = true;
    if (closed || cutPending) {
      return false;
    }
    try {
      active.data.truncate(active.length);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Forgets the batches appended since the last commit and cuts them off the file (forced), so they are neither
   * sent nor found after a restart; their sequence numbers are used again.
   *
   * @return the batches cut off
   * @throws IOException when the file cannot be cut; the next {@link #append} tries again (and fails until it can)
   */
  public List<SpooledBatch> rollback() throws IOException {
    List<SpooledBatch> dropped;
    long length = 0;
    Segment s;
    synchronized (this) {
      ensureOpen();
      s = active;
      dropped = List.copyOf(uncommitted);
      for (SpooledBatch b : dropped) {
        s.unacked.remove(b.sequence());
        s.batches--;
        batches--;
        events -= b.events();
        bytes -= b.bytes();
        length += b.location().length();
      }
      diskBytes -= length;
      if (!dropped.isEmpty()) {
        nextSequence = dropped.get(0).sequence();
      }
      uncommitted.clear();
      pendingMarks.clear();
      cutPending = true;
      writeFailed = true;
    }
    capacity.changed(-length, -dropped.size());
    synchronized (this) {
      cutUncommitted(s);
    }
    return dropped;
  }

  /**
   * Starts a new segment when the active one is full and nothing is uncommitted; the old one is deleted at once
   * when all its batches were acknowledged. A failure is logged and tried again after the next commit.
   */
  public void rollIfFull() {
    roll(false);
  }

  /**
   * Starts a new segment when every batch of the active one is acknowledged and it is long (or a write was refused
   * for want of space), deleting the old one: the space comes back without waiting for the segment to fill up.
   */
  public void rollIfDrained() {
    roll(true);
  }

  private void roll(boolean whenDrained) {
    Segment old;
    long name;
    List<SourceMark> marks = new ArrayList<>();
    synchronized (this) {
      if (closed || !uncommitted.isEmpty() || cutPending || active.batches == 0) {
        return;
      }
      boolean full = active.length >= segmentBytes;
      boolean drained = active.unacked.isEmpty() && (active.length >= DRAINED_ROLL_BYTES || writeFailed);
      if (!(whenDrained ? drained : full)) {
        return;
      }
      old = active;
      name = nextSequence;
      committedMarks.forEach((k, v) -> marks.add(new SourceMark(k, v, v)));
    }
    Segment fresh;
    try {
      fresh = createSegmentUsingReserve(name, marks);
    } catch (IOException e) {
      synchronized (this) {
        if (!rollFailing) {
          log.warn("cannot start a new spool segment in {} ({}); writing on in {} and trying again after the "
              + "next batch", dir, e.toString(), old.file);
          rollFailing = true;
        }
      }
      return;
    }
    boolean deleteOld;
    long delta;
    synchronized (this) {
      rollFailing = false;
      writeFailed = false;
      segments.put(fresh.name, fresh);
      active = fresh;
      delta = fresh.length;
      deleteOld = old.unacked.isEmpty();
      if (deleteOld) {
        segments.remove(old.name);
        delta -= old.length + old.ackBytes();
      }
      diskBytes += delta;
    }
    capacity.changed(delta, 0);
    if (deleteOld) {
      deleteQuietly(old);
    }
    keepReserve();
  }

  /** Creates a segment; when the disk is full, gives up the reserve to do it (it is taken back afterwards). */
  private Segment createSegmentUsingReserve(long name, List<SourceMark> marks) throws IOException {
    try {
      return createSegment(name, marks);
    } catch (IOException first) {
      if (!Files.deleteIfExists(dir.resolve(RESERVE_FILE))) {
        throw first;
      }
      log.info("spool {}: the disk is full; using the reserved {} KiB to start a new segment", dir, RESERVE_BYTES / 1024);
      return createSegment(name, marks);
    }
  }

  /** Makes sure the reserve file exists; best effort (a full disk leaves it for the next roll). */
  private void keepReserve() {
    Path reserve = dir.resolve(RESERVE_FILE);
    try {
      if (Files.exists(reserve) && Files.size(reserve) == RESERVE_BYTES) {
        return;
      }
      try (FileChannel ch = FileChannel.open(reserve, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        write(ch, ByteBuffer.allocate(RESERVE_BYTES));
        ch.force(true);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(reserve);
      } catch (IOException ignored) {
        // nothing more to do: the next roll tries again
      }
      log.debug("spool {}: cannot keep the {} KiB reserve yet ({})", dir, RESERVE_BYTES / 1024, e.toString());
    }
  }

  /**
   * Marks a batch acknowledged (or otherwise done with: rejected, unreadable); deletes its segment when that was
   * the segment's last unacknowledged batch and another segment is being written to. Unknown sequences are
   * ignored.
   */
  public void acknowledge(long sequence) {
    Segment gone = null;
    long freed;
    synchronized (this) {
      if (closed) {
        return;
      }
      Map.Entry<Long, Segment> e = segments.floorEntry(sequence);
      if (e == null) {
        return;
      }
      Segment s = e.getValue();
      SpooledBatch b = s.unacked.remove(sequence);
      if (b == null) {
        return;
      }
      batches--;
      events -= b.events();
      bytes -= b.bytes();
      long before = s.ackBytes();
      try {
        s.appendAck(sequence);
        ackFailing = false;
      } catch (IOException ex) {
        ackWriteFailures++;
        if (!ackFailing) {
          log.warn("cannot record the acknowledgement of batch {} in {} ({}); after a restart it is resent and the "
              + "aggregator answers DUPLICATE", sequence, s.ackFile, ex.toString());
          ackFailing = true;
        }
      }
      freed = before - s.ackBytes();
      if (s.unacked.isEmpty() && s != active) {
        segments.remove(s.name);
        freed += s.length + s.ackBytes();
        gone = s;
      }
      diskBytes -= freed;
    }
    capacity.changed(-freed, -1);
    if (gone != null) {
      deleteQuietly(gone);
    }
  }

  /** Reads a batch back, checking its checksum. */
  public Batch read(SpoolLocation location) throws IOException {
    Segment s;
    synchronized (this) {
      ensureOpen();
      s = segments.get(location.segment());
    }
    if (s == null) {
      throw new IOException("spool segment " + Segment.fileName(location.segment()) + " in " + dir
          + " is gone; the batch at offset " + location.offset() + " was acknowledged already");
    }
    Frames.Frame f;
    // A channel of its own: an interrupt of the reading thread closes the channel it reads from.
    try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ)) {
      f = Frames.readFrame(ch, location.offset(), location.offset() + location.length());
    } catch (java.io.EOFException e) {
      throw new CorruptSpoolRecordException("the batch record at offset " + location.offset() + " of " + s.file
          + " is cut short");
    }
    if (f == null || f.type() != Frames.BATCH || f.length() != location.length()) {
      throw new CorruptSpoolRecordException("no batch record of " + location.length() + " bytes at offset "
          + location.offset() + " of " + s.file);
    }
    Frames.BatchRecord r = Frames.decodeBatch(f.payload());
    try {
      return Batch.parseFrom(r.batch());
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptSpoolRecordException("the batch at offset " + location.offset() + " of " + s.file
          + " is not a Batch message: " + e.getMessage());
    }
  }

  public synchronized SpoolStats stats() {
    long oldest = -1;
    for (Segment s : segments.values()) {
      if (!s.unacked.isEmpty()) {
        oldest = s.unacked.firstEntry().getValue().spooledAtMillis();
        break;
      }
    }
    return new SpoolStats(segments.size(), diskBytes, batches, events, bytes, oldest, recovered.size(),
        corruptTails, corruptBytes, ackWriteFailures);
  }

  /** Forces the acknowledgement files and closes every file. What is unacknowledged stays for the next start. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Segment s : segments.values()) {
      try {
        s.forceAcks();
        s.close();
      } catch (IOException e) {
        log.warn("error while closing spool segment {}: {}", s.file, e.toString());
      }
    }
  }

  // --- internals

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the spool in " + dir + " is closed");
    }
  }

  /** Cuts the active segment back to its committed length; with the lock held. */
  private void cutUncommitted(Segment s) throws IOException {
    try {
      s.data.truncate(s.committedLength);
      s.data.force(true);
      s.length = s.committedLength;
      cutPending = false;
    } catch (IOException e) {
      throw new IOException("cannot cut refused batches off spool segment " + s.file + " (" + e.getMessage()
          + "); no new batch is written until that works, else they could be sent after a restart", e);
    }
  }

  private Segment createSegment(long name, Collection<SourceMark> marks) throws IOException {
    Path file = dir.resolve(Segment.fileName(name));
    Path tmp = dir.resolve(Segment.fileName(name) + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      write(ch, Frames.header(agentId));
      if (!marks.isEmpty()) {
        write(ch, Frames.marksFrame(marks));
      }
      ch.force(true);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    fsyncDirectory(dir);
    return Segment.open(dir, name, Files.size(file));
  }

  private static void write(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private void deleteQuietly(Segment s) {
    try {
      s.delete();
    } catch (IOException e) {
      log.warn("cannot delete the acknowledged spool segment {} ({}); it is deleted at the next start", s.file,
          e.toString());
    }
  }

  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory for fsync; the file itself was forced.
    }
  }
}
