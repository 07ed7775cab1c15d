package io.orgtrail.agent.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a spool directory after a start: checks every segment frame by frame, cuts off a damaged or torn end
 * (moving the bytes aside to {@code <segment>.corrupt-<n>}), applies the acknowledgement files, and deletes
 * segments whose batches were all acknowledged.
 */
final class SpoolRecovery {
  private static final Logger log = LoggerFactory.getLogger(SpoolRecovery.class);
  private static final Pattern SEGMENT = Pattern.compile("(\\d{20})\\" + Segment.SUFFIX);
  private static final Pattern ACKS = Pattern.compile("(\\d{20})\\" + Segment.ACKS_SUFFIX);

  /** What the directory held. */
  record Recovered(
      TreeMap<Long, Segment> segments,
      Map<String, Long> marks,
      boolean anySegment,
      long nextSequence,
      long corruptTails,
      long corruptBytes) {}

  private final Path dir;
  private final String agentId;
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private final Map<String, Long> marks = new HashMap<>();
  private long maxName = -1;
  private long maxSequence = -1;
  private long corruptTails;
  private long corruptBytes;

  SpoolRecovery(Path dir, String agentId) {
    this.dir = dir;
    this.agentId = agentId;
  }

  Recovered run() throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    List<Path> ackFiles = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String n = p.getFileName().toString();
        Matcher seg = SEGMENT.matcher(n);
        if (seg.matches()) {
          files.put(Long.parseLong(seg.group(1)), p);
        } else if (ACKS.matcher(n).matches()) {
          ackFiles.add(p);
        } else if (n.endsWith(Segment.SUFFIX + ".tmp")) {
          Files.delete(p); // a segment being created when the agent stopped: it was never used
        }
      }
    }
    try {
      for (Map.Entry<Long, Path> e : files.entrySet()) {
        boolean newest = e.getKey().equals(files.lastKey());
        maxName = Math.max(maxName, e.getKey());
        Segment s = scan(e.getKey(), e.getValue(), newest);
        if (s != null) {
          segments.put(s.name, s);
          applyAcks(s);
        }
      }
      for (Path a : ackFiles) {
        String n = a.getFileName().toString();
        long name = Long.parseLong(n.substring(0, n.length() - Segment.ACKS_SUFFIX.length()));
        if (!segments.containsKey(name) && !files.containsKey(name)) {
          Files.deleteIfExists(a); // its segment was deleted just before a crash
        }
      }
      // Fully acknowledged segments other than the newest are done with.
      Long last = segments.isEmpty() ? null : segments.lastKey();
      segments.entrySet().removeIf(e -> {
        if (e.getValue().unacked.isEmpty() && !e.getKey().equals(last)) {
          try {
            e.getValue().delete();
          } catch (IOException ex) {
            log.warn("cannot delete the acknowledged spool segment {}: {}", e.getValue().file, ex.toString());
          }
          return true;
        }
        return false;
      });
    } catch (IOException | RuntimeException e) {
      for (Segment s : segments.values()) {
        try {
          s.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw e;
    }
    long next = files.isEmpty() ? -1 : Math.max(maxName, maxSequence + 1);
    return new Recovered(segments, marks, !files.isEmpty(), next, corruptTails, corruptBytes);
  }

  private Segment scan(long name, Path file, boolean newest) throws IOException {
    long good;
    List<SpooledBatch> found = new ArrayList<>();
    Map<String, Long> foundMarks = new HashMap<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long[] headerLength = new long[1];
      String owner;
      try {
        owner = Frames.readHeader(ch, headerLength);
      } catch (CorruptSpoolRecordException | EOFException e) {
        ch.close();
        cut(file, null, 0, size, newest, "its header is unreadable (" + e.getMessage() + ")");
        return null;
      }
      if (!owner.equals(agentId)) {
        throw new IOException("spool segment " + file + " belongs to agent " + owner + ", not to " + agentId
            + "; each agent keeps its spool under <stateDir>/spool/<agentId>: move the file back where it came from");
      }
      long offset = headerLength[0];
      long lastSequence = -1;
      String problem = null;
      while (true) {
        Frames.Frame f;
        try {
          f = Frames.readFrame(ch, offset, size);
          if (f == null) {
            break;
          }
          if (f.type() == Frames.BATCH) {
            Frames.BatchRecord r = Frames.decodeBatch(f.payload());
            if (r.sequence() < name || r.sequence() <= lastSequence) {
              throw new CorruptSpoolRecordException("batch " + r.sequence() + " is out of order after "
                  + Math.max(lastSequence, name - 1));
            }
            lastSequence = r.sequence();
            found.add(new SpooledBatch(r.sequence(), r.events(), r.bytes(), r.spooledAtMillis(),
                new SpoolLocation(name, offset, f.length())));
            r.marks().forEach(m -> foundMarks.merge(m.key(), m.to(), Math::max));
          } else {
            Frames.decodeMarks(f.payload()).forEach(m -> foundMarks.merge(m.key(), m.to(), Math::max));
          }
        } catch (CorruptSpoolRecordException | EOFException e) {
          problem = e.getMessage();
          break;
        }
        offset += f.length();
      }
      good = offset;
      if (problem != null) {
        cut(file, ch, good, size, newest, problem);
      }
      maxSequence = Math.max(maxSequence, lastSequence);
    }
    foundMarks.forEach((k, v) -> marks.merge(k, v, Math::max));
    Segment s = Segment.open(dir, name, good);
    for (SpooledBatch b : found) {
      s.unacked.put(b.sequence(), b);
    }
    s.batches = found.size();
    return s;
  }

  /**
   * Moves the bytes from {@code from} to the end aside and cuts them off ({@code ch} null: the whole file is
   * moved aside).
   */
  private void cut(Path file, FileChannel ch, long from, long size, boolean newest, String problem)
      throws IOException {
    Path aside = asideName(file);
    if (ch == null) {
      Files.move(file, aside);
    } else {
      try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        long done = 0;
        while (done < size - from) {
          done += ch.transferTo(from + done, size - from - done, out);
        }
        out.force(true);
      }
      ch.truncate(from);
      ch.force(true);
    }
    Spool.fsyncDirectory(dir);
    corruptTails++;
    corruptBytes += size - from;
    if (newest) {
      log.warn("spool segment {}: cut off a damaged or torn end at offset {} ({}): {} bytes moved to {}. They were "
          + "written when the agent stopped (power cut or crash) and never acknowledged to a source; the records "
          + "before them are kept", file, from, problem, size - from, aside);
    } else {
      log.error("spool segment {} is damaged at offset {} ({}): {} bytes moved to {}. This segment was complete, "
          + "so records in those bytes had been acknowledged to their sources and are lost unless they can be "
          + "recovered from that file; check the disk", file, from, problem, size - from, aside);
    }
  }

  private static Path asideName(Path file) {
    for (int n = 1; ; n++) {
      Path p = file.resolveSibling(file.getFileName() + ".corrupt-" + n);
      if (!Files.exists(p)) {
        return p;
      }
    }
  }

  private void applyAcks(Segment s) throws IOException {
    if (!Files.exists(s.ackFile)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(s.ackFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer all = Frames.readFully(ch, 0, (int) Math.min(size, Integer.MAX_VALUE - 16));
      long valid = 0;
      while (valid + Frames.ACK_RECORD <= size) {
        ByteBuffer record = ByteBuffer.wrap(all.array(), (int) valid, Frames.ACK_RECORD).slice();
        long sequence = Frames.decodeAck(record);
        if (sequence < 0) {
          break;
        }
        s.unacked.remove(sequence);
        valid += Frames.ACK_RECORD;
      }
      if (valid != size) {
        // A torn last mark: the batch it named is simply resent.
        log.info("spool ack file {}: ignoring {} torn bytes at its end", s.ackFile, size - valid);
        ch.truncate(valid);
      }
    }
  }
}
