package io.orgtrail.access.server;

import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.charset.StandardCharsets;

/**
 * Which keys and prefixes a request may name: S3's 1,024-byte limit, no control characters or backslashes, and no
 * {@code .}, {@code ..} or empty segments, so that no path trick reaches outside what the policy allowed on any store.
 * Segments are at most 255 bytes (a file name, on the directory store and on MinIO's disks), and none starts with
 * {@code .orgtrail-}, which the directory store keeps for its own files. Every key orgtrail writes passes.
 */
final class ObjectKeys {
  static final int MAX_KEY_BYTES = 1024;
  static final int MAX_SEGMENT_BYTES = 255;
  private static final String RESERVED_SEGMENT_PREFIX = ".orgtrail-";
  private static final String EXAMPLE = "e.g. AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/2025/01/31/";

  private ObjectKeys() {}

  /** A full object key: not empty, not ending with '/'. */
  static String requireKey(String key) throws StatusException {
    if (key.isEmpty()) {
      throw invalid("the object key is empty; name the object to read, " + EXAMPLE + "<file>.json.gz");
    }
    check("key", key);
    if (key.endsWith("/")) {
      throw invalid("key " + quote(key) + " ends with '/', which names a prefix, not an object; list it instead");
    }
    return key;
  }

  /** A listing prefix: empty (the whole bucket) or the beginning of keys. */
  static String requirePrefix(String prefix) throws StatusException {
    if (!prefix.isEmpty()) {
      check("prefix", prefix);
    }
    return prefix;
  }

  /** The key a page continues after: only its size and characters matter. */
  static String requireStartAfter(String startAfter) throws StatusException {
    if (startAfter.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw invalid("start_after is longer than " + MAX_KEY_BYTES + " bytes; pass the last key of the previous page");
    }
    if (startAfter.indexOf('\0') >= 0) {
      throw invalid("start_after contains a NUL character; pass the last key of the previous page");
    }
    return startAfter;
  }

  private static void check(String what, String text) throws StatusException {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw invalid(what + " is " + bytes + " bytes long, over S3's limit of " + MAX_KEY_BYTES + " bytes (UTF-8)");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw invalid(what + " " + quote(text) + " contains a NUL character at index " + i);
      }
      if (c == '\\') {
        throw invalid(what + " " + quote(text) + " contains a backslash at index " + i + "; segments are separated"
            + " by '/'");
      }
      if (Character.isISOControl(c)) {
        throw invalid(String.format("%s %s contains the control character U+%04X at index %d", what, quote(text),
            (int) c, i));
      }
    }
    if (text.startsWith("/")) {
      throw invalid(what + " " + quote(text) + " starts with '/'; keys are relative to the bucket, " + EXAMPLE);
    }
    String[] segments = text.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid(what + " " + quote(text) + " has a '" + segment + "' segment; keys cannot navigate, " + EXAMPLE);
      }
      if (segment.startsWith(RESERVED_SEGMENT_PREFIX)) {
        throw invalid(what + " " + quote(text) + " has a segment starting with " + RESERVED_SEGMENT_PREFIX
            + ", which is reserved for orgtrail's own files");
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw invalid(what + " " + quote(text) + " has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
      }
      // A prefix may end with '/', which leaves one empty last segment; nothing else may be empty.
      if (segment.isEmpty() && i < segments.length - 1) {
        throw invalid(what + " " + quote(text) + " has an empty segment ('//'), " + EXAMPLE);
      }
    }
  }

  private static StatusException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asException();
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("'");
    text.codePoints().limit(200).forEach(cp -> {
      if (Character.isISOControl(cp)) {
        quoted.append(String.format("\\u%04x", cp));
      } else {
        quoted.appendCodePoint(cp);
      }
    });
    return quoted.append(text.codePointCount(0, text.length()) > 200 ? "...'" : "'").toString();
  }
}
