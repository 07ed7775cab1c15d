package io.orgtrail.format.record;

import java.nio.charset.StandardCharsets;

/** Byte-level edits that leave the rest of a record exactly as it was. */
public final class RecordEditor {
  private RecordEditor() {}

  /** Returns the record with {@code "eventID":"<id>"} as its first member. The record must be a JSON object. */
  public static byte[] withEventId(byte[] record, String eventId) {
    int open = 0;
    while (open < record.length && record[open] != '{') {
      open++;
    }
    int next = open + 1;
    while (next < record.length && isWhitespace(record[next])) {
      next++;
    }
    boolean empty = next < record.length && record[next] == '}';
    byte[] member =
        ("\"eventID\":\"" + eventId + "\"" + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[record.length + member.length];
    System.arraycopy(record, 0, out, 0, open + 1);
    System.arraycopy(member, 0, out, open + 1, member.length);
    System.arraycopy(record, open + 1, out, open + 1 + member.length, record.length - open - 1);
    return out;
  }

  static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
