package io.orgtrail.bench.scale;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The eventIDs of one scale run: shaped like the version 4 UUIDs CloudTrail uses, unique, and naming the stream,
 * batch and position they were sent at, so that the delivered log files can be checked against the acknowledgements
 * (lost, duplicated) without keeping millions of random ids in memory.
 *
 * <p>Layout, 36 characters: {@code <run 8 hex>-<stream 4 hex>-4<index 3 hex>-8000-<sequence 12 hex>}.
 */
final class EventIds {
  static final int LENGTH = 36;
  static final int MAX_STREAMS = 1 << 16;
  static final int MAX_BATCH_EVENTS = 1 << 12;
  static final long MAX_SEQUENCE = (1L << 48) - 1;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Where an event was sent: stream (0-based), batch sequence (from 1), position in the batch (0-based). */
  record Origin(int stream, long sequence, int index) {}

  private final int run;

  /** @param run the run's own 32 bits: ids of another run (an old store) are recognised as foreign */
  EventIds(int run) {
    this.run = run;
  }

  int run() {
    return run;
  }

  String of(int stream, long sequence, int index) {
    if (stream < 0 || stream >= MAX_STREAMS || index < 0 || index >= MAX_BATCH_EVENTS || sequence < 1
        || sequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException("no eventID for stream " + stream + ", sequence " + sequence + ", index "
          + index + ": streams go to " + (MAX_STREAMS - 1) + ", batches hold up to " + MAX_BATCH_EVENTS + " events");
    }
    byte[] id = new byte[LENGTH];
    hex(id, 0, run & 0xffffffffL, 8);
    id[8] = '-';
    hex(id, 9, stream, 4);
    id[13] = '-';
    id[14] = '4';
    hex(id, 15, index, 3);
    id[18] = '-';
    id[19] = '8';
    id[20] = '0';
    id[21] = '0';
    id[22] = '0';
    id[23] = '-';
    hex(id, 24, sequence, 12);
    return new String(id, StandardCharsets.US_ASCII);
  }

  /** The origin of the id at {@code bytes[offset..offset+36)}, or empty when it is not an id of this run. */
  Optional<Origin> parse(byte[] bytes, int offset) {
    if (offset < 0 || offset + LENGTH > bytes.length || bytes[offset + 8] != '-' || bytes[offset + 13] != '-'
        || bytes[offset + 14] != '4' || bytes[offset + 18] != '-' || bytes[offset + 19] != '8'
        || bytes[offset + 23] != '-') {
      return Optional.empty();
    }
    long runPart = unhex(bytes, offset, 8);
    long stream = unhex(bytes, offset + 9, 4);
    long index = unhex(bytes, offset + 15, 3);
    long sequence = unhex(bytes, offset + 24, 12);
    if (runPart != (run & 0xffffffffL) || stream < 0 || index < 0 || sequence < 1) {
      return Optional.empty();
    }
    return Optional.of(new Origin((int) stream, sequence, (int) index));
  }

  private static void hex(byte[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
  }

  /** -1 when a character is not a lower-case hex digit. */
  private static long unhex(byte[] in, int at, int digits) {
    long value = 0;
    for (int i = 0; i < digits; i++) {
      byte c = in[at + i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      value = (value << 4) | d;
    }
    return value;
  }
}
