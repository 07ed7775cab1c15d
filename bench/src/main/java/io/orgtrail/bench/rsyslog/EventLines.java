package io.orgtrail.bench.rsyslog;

import io.orgtrail.format.record.RecordEditor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * The input lines of one rsyslog agent: CloudTrail records, one per line, taken in turn from a fixed set and each
 * given its own {@code eventID} ({@code <run>-<stream>-4000-8000-<sequence>}, hex, the shape of a UUID), so that no
 * two lines of a run are alike. Line {@code n} is always the same bytes, so a test can compute what was fed.
 *
 * <p>Making a line is a copy and 12 hex digits: the benchmark process that writes them costs little next to the
 * peer it feeds (orgtrail's agents make their records with Jackson, and that cost is theirs).
 */
public final class EventLines {
  private static final byte[] EVENT_ID = "\"eventID\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final int UUID_LENGTH = 36;
  private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000000";
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final List<byte[]> templates;
  private final int[] idOffsets;
  private final byte[] prefix;
  private final int maxLineBytes;
  private final double meanRecordBytes;

  /**
   * @param records single-line JSON records (no line breaks), at least one
   * @param stream which agent the lines are for (0 to 65,535): part of every eventID
   * @param random draws the run's part of the eventIDs
   */
  public EventLines(List<byte[]> records, int stream, RandomGenerator random) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records to make input lines of");
    }
    if (stream < 0 || stream > 0xffff) {
      throw new IllegalArgumentException("a stream is 0 to 65535, not " + stream);
    }
    List<byte[]> t = new ArrayList<>(records.size());
    int[] offsets = new int[records.size()];
    int max = 0;
    long total = 0;
    for (int i = 0; i < records.size(); i++) {
      byte[] r = withEventIdSlot(records.get(i), i);
      offsets[i] = eventIdValue(r);
      t.add(r);
      max = Math.max(max, r.length + 1);
      total += r.length;
    }
    this.templates = List.copyOf(t);
    this.idOffsets = offsets;
    this.maxLineBytes = max;
    this.meanRecordBytes = (double) total / t.size();
    this.prefix = String.format(Locale.ROOT, "%08x-%04x-4000-8000-", random.nextInt(), stream).getBytes(StandardCharsets.US_ASCII);
  }

  /** The longest line with its line feed: a write buffer must hold at least this. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** The records' mean size without the line feed: the bytes a delivered event carries. */
  public double meanRecordBytes() {
    return meanRecordBytes;
  }

  /** Puts line {@code sequence} and its line feed into {@code buffer}; false (and nothing put) when it does not fit. */
  public boolean append(long sequence, ByteBuffer buffer) {
    int index = (int) Long.remainderUnsigned(sequence, templates.size());
    byte[] template = templates.get(index);
    if (buffer.remaining() < template.length + 1) {
      return false;
    }
    int start = buffer.position();
    buffer.put(template);
    int at = start + idOffsets[index];
    buffer.put(at, prefix);
    at += prefix.length;
    for (int shift = 44; shift >= 0; shift -= 4) {
      buffer.put(at++, HEX[(int) (sequence >>> shift) & 0xf]);
    }
    buffer.put((byte) '\n');
    return true;
  }

  /** Line {@code sequence} without its line feed. */
  public byte[] line(long sequence) {
    ByteBuffer b = ByteBuffer.allocate(maxLineBytes);
    append(sequence, b);
    byte[] line = new byte[b.position() - 1];
    b.get(0, line);
    return line;
  }

  /**
   * Which line {@code line} (without its line feed) is: the sequence in its eventID when that eventID is one of these
   * lines' and the whole line is exactly line {@code sequence}; empty otherwise.
   */
  public OptionalLong sequenceOf(byte[] line) {
    int at = indexOf(line, EVENT_ID);
    if (at < 0 || line.length < at + EVENT_ID.length + UUID_LENGTH) {
      return OptionalLong.empty();
    }
    int id = at + EVENT_ID.length;
    for (int i = 0; i < prefix.length; i++) {
      if (line[id + i] != prefix[i]) {
        return OptionalLong.empty();
      }
    }
    long sequence = 0;
    for (int i = id + prefix.length; i < id + UUID_LENGTH; i++) {
      int digit = Character.digit(line[i], 16);
      if (digit < 0) {
        return OptionalLong.empty();
      }
      sequence = sequence << 4 | digit;
    }
    return Arrays.equals(line, line(sequence)) ? OptionalLong.of(sequence) : OptionalLong.empty();
  }

  /** The record with an eventID of UUID length to overwrite: its own, or one put first when it has none. */
  private static byte[] withEventIdSlot(byte[] record, int index) {
    for (byte b : record) {
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException("record " + index + " spans lines; give single-line (minified) JSON");
      }
    }
    if (indexOf(record, EVENT_ID) >= 0) {
      return record;
    }
    return RecordEditor.withEventId(record, PLACEHOLDER);
  }

  private static int eventIdValue(byte[] record) {
    int at = indexOf(record, EVENT_ID);
    int value = at + EVENT_ID.length;
    if (at < 0 || value + UUID_LENGTH >= record.length || record[value + UUID_LENGTH] != '"') {
      throw new IllegalArgumentException("a record whose eventID is not a 36-character UUID: "
          + new String(record, 0, Math.min(record.length, 200), StandardCharsets.UTF_8));
    }
    return value;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
