package io.orgtrail.agent.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;

/**
 * One segment file of the spool and its acknowledgement file ({@code <name>.acks}, appended as batches are
 * acknowledged). Which batches it holds and which are unacknowledged is kept by {@link Spool}, under its lock.
 */
final class Segment implements AutoCloseable {
  static final String SUFFIX = ".seg";
  static final String ACKS_SUFFIX = ".acks";

  final long name;
  final Path file;
  final Path ackFile;
  final FileChannel data;
  final TreeMap<Long, SpooledBatch> unacked = new TreeMap<>();
  /** End of the data, uncommitted appends included. Written by the writer thread only. */
  long length;
  /** End of the data forced to disk. */
  long committedLength;
  /** Batches ever appended (acknowledged or not). */
  int batches;
  private FileChannel acks;
  private long ackLength;

  private Segment(long name, Path file, Path ackFile, FileChannel data, long length) {
    this.name = name;
    this.file = file;
    this.ackFile = ackFile;
    this.data = data;
    this.length = length;
    this.committedLength = length;
  }

  static String fileName(long name) {
    return String.format("%020d", name) + SUFFIX;
  }

  /** Opens an existing segment whose valid data ends at {@code length}. */
  static Segment open(Path dir, long name, long length) throws IOException {
    Path file = dir.resolve(fileName(name));
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Segment s = new Segment(name, file, ackFile(file), ch, length);
    s.ackLength = Files.exists(s.ackFile) ? Files.size(s.ackFile) : 0;
    return s;
  }

  static Path ackFile(Path segmentFile) {
    String n = segmentFile.getFileName().toString();
    return segmentFile.resolveSibling(n.substring(0, n.length() - SUFFIX.length()) + ACKS_SUFFIX);
  }

  /** Writes {@code frame} at the end of the data (not forced); returns the offset it starts at. */
  long append(ByteBuffer frame) throws IOException {
    long offset = length;
    long position = offset;
    while (frame.hasRemaining()) {
      position += data.write(frame, position);
    }
    length = position;
    return offset;
  }

  /** Records an acknowledgement (not forced: a lost one only means a resend the aggregator answers DUPLICATE). */
  void appendAck(long sequence) throws IOException {
    if (acks == null) {
      acks = FileChannel.open(ackFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
    ByteBuffer record = Frames.ackRecord(sequence);
    long position = ackLength;
    while (record.hasRemaining()) {
      position += acks.write(record, position);
    }
    ackLength = position;
  }

  long ackBytes() {
    return ackLength;
  }

  void forceAcks() throws IOException {
    if (acks != null) {
      acks.force(false);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      data.close();
    } finally {
      if (acks != null) {
        acks.close();
      }
    }
  }

  /** Closes and deletes the segment: its data file first, so that a crash in between leaves only an ack file. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(file);
    Files.deleteIfExists(ackFile);
  }
}
