package io.orgtrail.format.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a file into the exact bytes of its records (made single-line by {@link JsonMinifier}). Understands the three
 * shapes audit events come in: a CloudTrail log file {@code {"Records":[...]}}, a JSON array of records, and JSON
 * lines (one record per line).
 *
 * <p>In JSON lines every line stands alone, so a malformed line is returned as it is and fails on its own when it
 * is checked; a malformed array or log file cannot be cut safely and fails as a whole.
 */
public final class RecordSplitter {
  private final JsonFactory json = new JsonFactory();

  public List<SourceRecord> split(byte[] content) throws InvalidFileException {
    int start = firstSignificant(content);
    if (start == content.length) {
      return List.of();
    }
    if (content[start] == '[') {
      return splitArray(content, start, "record");
    }
    if (content[start] == '{' && isRecordsWrapper(content, start)) {
      return splitRecordsWrapper(content, start);
    }
    List<SourceRecord> concatenated = splitConcatenatedObjects(content, start);
    return concatenated != null ? concatenated : splitLines(content);
  }

  /** Objects one after another (JSON lines, or pretty-printed records); null when that reading fails. */
  private List<SourceRecord> splitConcatenatedObjects(byte[] content, int start) {
    List<SourceRecord> records = new ArrayList<>();
    try (JsonParser p = json.createParser(content, start, content.length - start)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.START_OBJECT) {
          return null;
        }
        int from = start + (int) p.currentTokenLocation().getByteOffset();
        int line = p.currentTokenLocation().getLineNr();
        p.skipChildren();
        int to = start + (int) p.currentLocation().getByteOffset();
        records.add(new SourceRecord(JsonMinifier.minify(content, from, to - from), "line " + line));
      }
      return records;
    } catch (IOException e) {
      return null;
    }
  }

  private boolean isRecordsWrapper(byte[] content, int start) {
    try (JsonParser p = json.createParser(content, start, content.length - start)) {
      p.nextToken();
      return p.nextToken() == JsonToken.FIELD_NAME
          && "Records".equals(p.currentName())
          && p.nextToken() == JsonToken.START_ARRAY;
    } catch (IOException e) {
      return false;
    }
  }

  private List<SourceRecord> splitRecordsWrapper(byte[] content, int start) throws InvalidFileException {
    try (JsonParser p = json.createParser(content, start, content.length - start)) {
      p.nextToken(); // {
      p.nextToken(); // "Records"
      p.nextToken(); // [
      List<SourceRecord> records = collectArrayElements(p, content, start, "record");
      // Other members of the wrapper (none in CloudTrail's files) are ignored, but the file must be well-formed.
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        p.nextToken();
        p.skipChildren();
      }
      if (t != JsonToken.END_OBJECT) {
        throw new InvalidFileException("the {\"Records\":[...]} object is not closed");
      }
      return records;
    } catch (IOException e) {
      throw new InvalidFileException("not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  private List<SourceRecord> splitArray(byte[] content, int start, String noun) throws InvalidFileException {
    try (JsonParser p = json.createParser(content, start, content.length - start)) {
      p.nextToken(); // [
      List<SourceRecord> records = collectArrayElements(p, content, start, noun);
      if (p.nextToken() != null) {
        throw new InvalidFileException("unexpected data after the JSON array");
      }
      return records;
    } catch (IOException e) {
      throw new InvalidFileException("not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  /** Reads elements up to and including the array's END_ARRAY; offsets are relative to {@code base}. */
  private static List<SourceRecord> collectArrayElements(JsonParser p, byte[] content, int base, String noun)
      throws IOException {
    List<SourceRecord> records = new ArrayList<>();
    JsonToken t;
    int index = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new IOException("the JSON array is not closed");
      }
      index++;
      int from = base + (int) p.currentTokenLocation().getByteOffset();
      p.skipChildren();
      int to = base + (int) p.currentLocation().getByteOffset();
      records.add(new SourceRecord(JsonMinifier.minify(content, from, to - from), noun + " " + index));
    }
    return records;
  }

  private static List<SourceRecord> splitLines(byte[] content) {
    List<SourceRecord> records = new ArrayList<>();
    int line = 0;
    int from = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        line++;
        int a = from;
        int b = i;
        while (a < b && isSpace(content[a])) {
          a++;
        }
        while (b > a && isSpace(content[b - 1])) {
          b--;
        }
        if (b > a) {
          records.add(new SourceRecord(JsonMinifier.minify(content, a, b - a), "line " + line));
        }
        from = i + 1;
      }
    }
    return records;
  }

  private static int firstSignificant(byte[] content) {
    int i = 0;
    // UTF-8 byte order mark
    if (content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb && (content[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < content.length && isSpace(content[i])) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(byte b) {
    return RecordEditor.isWhitespace(b);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "parse error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).replace(new String(new byte[] {0}, StandardCharsets.UTF_8), "\\0");
  }
}
