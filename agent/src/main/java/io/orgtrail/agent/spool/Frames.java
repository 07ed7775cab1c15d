package io.orgtrail.agent.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The spool's on-disk encoding (all integers big-endian).
 *
 * <pre>
 * segment  = header frame*
 * header   = "OTSPOOL1" u16:idLength agentId u32:crc32c(everything before it)
 * frame    = u32:payloadLength u32:crc32c(type payload) u8:type payload
 * BATCH(1) = u64:sequence i64:spooledAtMillis u32:events u64:recordBytes u16:markCount mark* batch
 *            (batch: the serialized orgtrail.v1.Batch, exactly as sent, to the end of the payload)
 * MARKS(2) = u16:markCount mark*
 * mark     = u16:keyLength key(UTF-8) u64:from u64:to
 * ack file = (u64:sequence u32:crc32c(sequence))*
 * </pre>
 */
final class Frames {
  static final byte[] MAGIC = "OTSPOOL1".getBytes(StandardCharsets.US_ASCII);
  static final int FRAME_HEADER = 9;
  static final byte BATCH = 1;
  static final byte MARKS = 2;
  /** Batches stay below gRPC's 4 MiB; anything far larger is a damaged length field. */
  static final int MAX_PAYLOAD = 16 * 1024 * 1024;
  static final int ACK_RECORD = 12;

  private Frames() {}

  /** A decoded frame: its type, payload and total length on disk. */
  record Frame(byte type, ByteBuffer payload, int length) {}

  /** The fields of a BATCH frame; {@code batch} is the serialized Batch. */
  record BatchRecord(long sequence, long spooledAtMillis, int events, long bytes, List<SourceMark> marks,
      ByteBuffer batch) {}

  static ByteBuffer header(String agentId) {
    byte[] id = agentId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + id.length + 4);
    b.put(MAGIC).putShort((short) id.length).put(id);
    b.putInt(crc(b.array(), 0, b.position()));
    return b.flip();
  }

  /** Reads a segment's header; returns the agent id and leaves the header length in {@code length[0]}. */
  static String readHeader(FileChannel ch, long[] length) throws IOException {
    ByteBuffer fixed = readFully(ch, 0, MAGIC.length + 2);
    byte[] magic = new byte[MAGIC.length];
    fixed.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new CorruptSpoolRecordException("it does not start with the spool segment magic OTSPOOL1");
    }
    int idLength = Short.toUnsignedInt(fixed.getShort());
    ByteBuffer rest = readFully(ch, fixed.limit(), idLength + 4);
    byte[] all = new byte[fixed.limit() + idLength];
    fixed.rewind();
    fixed.get(all, 0, fixed.limit());
    rest.get(all, fixed.limit(), idLength);
    if (rest.getInt() != crc(all, 0, all.length)) {
      throw new CorruptSpoolRecordException("its header checksum does not match");
    }
    length[0] = all.length + 4;
    return new String(all, fixed.limit(), idLength, StandardCharsets.US_ASCII);
  }

  static ByteBuffer batchFrame(
      long sequence, long spooledAtMillis, int events, long bytes, List<SourceMark> marks, byte[] batch) {
    List<byte[]> keys = keys(marks);
    int size = 8 + 8 + 4 + 8 + marksSize(keys) + batch.length;
    ByteBuffer b = start(BATCH, size);
    b.putLong(sequence).putLong(spooledAtMillis).putInt(events).putLong(bytes);
    putMarks(b, marks, keys);
    b.put(batch);
    return finish(b);
  }

  static ByteBuffer marksFrame(Collection<SourceMark> marks) {
    List<SourceMark> list = List.copyOf(marks);
    List<byte[]> keys = keys(list);
    ByteBuffer b = start(MARKS, marksSize(keys));
    putMarks(b, list, keys);
    return finish(b);
  }

  /**
   * Reads the frame at {@code offset}; null at a clean end of the file.
   *
   * @throws CorruptSpoolRecordException when the frame is cut short, too long, of an unknown type or fails its
   *     checksum
   */
  static Frame readFrame(FileChannel ch, long offset, long fileLength) throws IOException {
    if (offset == fileLength) {
      return null;
    }
    if (fileLength - offset < FRAME_HEADER) {
      throw new CorruptSpoolRecordException("a frame header is cut short (" + (fileLength - offset) + " bytes)");
    }
    ByteBuffer head = readFully(ch, offset, FRAME_HEADER);
    int length = head.getInt();
    int crc = head.getInt();
    byte type = head.get();
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new CorruptSpoolRecordException("a frame claims " + Integer.toUnsignedString(length) + " bytes");
    }
    if (fileLength - offset - FRAME_HEADER < length) {
      throw new CorruptSpoolRecordException("a frame of " + length + " bytes is cut short at "
          + (fileLength - offset - FRAME_HEADER) + " bytes");
    }
    ByteBuffer payload = readFully(ch, offset + FRAME_HEADER, length);
    CRC32C c = new CRC32C();
    c.update(type);
    c.update(payload.duplicate());
    if ((int) c.getValue() != crc) {
      throw new CorruptSpoolRecordException("a frame's checksum does not match");
    }
    if (type != BATCH && type != MARKS) {
      throw new CorruptSpoolRecordException("a frame has the unknown type " + type);
    }
    return new Frame(type, payload, FRAME_HEADER + length);
  }

  static BatchRecord decodeBatch(ByteBuffer payload) throws CorruptSpoolRecordException {
    try {
      ByteBuffer b = payload.duplicate();
      long sequence = b.getLong();
      long at = b.getLong();
      int events = b.getInt();
      long bytes = b.getLong();
      List<SourceMark> marks = getMarks(b);
      return new BatchRecord(sequence, at, events, bytes, marks, b.slice());
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptSpoolRecordException("a batch record's fields do not add up: " + e);
    }
  }

  static List<SourceMark> decodeMarks(ByteBuffer payload) throws CorruptSpoolRecordException {
    try {
      return getMarks(payload.duplicate());
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptSpoolRecordException("a marks record's fields do not add up: " + e);
    }
  }

  static ByteBuffer ackRecord(long sequence) {
    ByteBuffer b = ByteBuffer.allocate(ACK_RECORD).putLong(sequence);
    b.putInt(crc(b.array(), 0, 8));
    return b.flip();
  }

  /** The sequence an ack record names, or -1 when its checksum does not match. */
  static long decodeAck(ByteBuffer record) {
    long sequence = record.getLong(0);
    return record.getInt(8) == crc(record.array(), record.arrayOffset(), 8) ? sequence : -1;
  }

  static ByteBuffer readFully(FileChannel ch, long position, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new EOFException("the file ends " + b.remaining() + " bytes early");
      }
    }
    return b.flip();
  }

  private static ByteBuffer start(byte type, int payloadSize) {
    ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER + payloadSize);
    b.position(8);
    b.put(type);
    return b;
  }

  private static ByteBuffer finish(ByteBuffer b) {
    int payload = b.position() - FRAME_HEADER;
    CRC32C c = new CRC32C();
    c.update(b.array(), 8, payload + 1);
    b.putInt(0, payload).putInt(4, (int) c.getValue());
    return b.flip();
  }

  private static List<byte[]> keys(List<SourceMark> marks) {
    List<byte[]> keys = new ArrayList<>(marks.size());
    for (SourceMark m : marks) {
      keys.add(m.key().getBytes(StandardCharsets.UTF_8));
    }
    return keys;
  }

  private static int marksSize(List<byte[]> keys) {
    int size = 2;
    for (byte[] k : keys) {
      size += 2 + k.length + 16;
    }
    return size;
  }

  private static void putMarks(ByteBuffer b, List<SourceMark> marks, List<byte[]> keys) {
    b.putShort((short) marks.size());
    for (int i = 0; i < marks.size(); i++) {
      b.putShort((short) keys.get(i).length).put(keys.get(i)).putLong(marks.get(i).from()).putLong(marks.get(i).to());
    }
  }

  private static List<SourceMark> getMarks(ByteBuffer b) {
    int n = Short.toUnsignedInt(b.getShort());
    List<SourceMark> marks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] key = new byte[Short.toUnsignedInt(b.getShort())];
      b.get(key);
      marks.add(new SourceMark(new String(key, StandardCharsets.UTF_8), b.getLong(), b.getLong()));
    }
    return marks;
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C c = new CRC32C();
    c.update(bytes, offset, length);
    return (int) c.getValue();
  }
}
