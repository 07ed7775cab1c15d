package io.orgtrail.store;

import java.nio.charset.StandardCharsets;

/**
 * The object keys orgtrail accepts from anyone: relative paths of non-empty segments separated by {@code /}, within
 * S3's 1,024 bytes, without control characters, backslashes, unpaired surrogates, {@code .} or {@code ..} segments,
 * segments over 255 bytes (a file name) or segments starting with {@code .orgtrail-} (the local store's own files).
 * A key that passes names a file below a local store's root and the same object on any S3 store; every key orgtrail
 * writes passes. Each check answers with what is wrong, in words, for the caller to put in its own error.
 */
public final class KeyRules {
  /** S3's limit, also ours so that a key valid here is valid in any S3 store. */
  public static final int MAX_KEY_BYTES = 1024;
  /** Most file systems' limit for one name. */
  public static final int MAX_SEGMENT_BYTES = 255;
  /** Names the local store uses for itself (metadata tree, temp files); no key segment may start with it. */
  public static final String RESERVED_PREFIX = ".orgtrail-";

  private KeyRules() {}

  /** What is wrong with a full object key, or null when nothing is. */
  public static String keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return "is empty";
    }
    String problem = characterProblem(key);
    if (problem != null) {
      return problem;
    }
    if (key.endsWith("/")) {
      return "ends with '/', which names a prefix, not an object";
    }
    return segmentProblem(key);
  }

  /**
   * What is wrong with a listing prefix, or null: empty (everything) or the beginning of keys, possibly ending in
   * {@code /}.
   *
   * @param partialLastSegment whether a last segment without its {@code /} (e.g. {@code logs/20} or {@code .}) is
   *     only matched as text and so need not be a valid segment; when false it must be one
   */
  public static String prefixProblem(String prefix, boolean partialLastSegment) {
    if (prefix.isEmpty()) {
      return null;
    }
    String problem = characterProblem(prefix);
    if (problem != null) {
      return problem;
    }
    int lastSlash = prefix.lastIndexOf('/');
    if (partialLastSegment) {
      return lastSlash < 0 ? null : segmentProblem(prefix.substring(0, lastSlash));
    }
    return segmentProblem(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
  }

  private static String characterProblem(String key) {
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      return "is " + bytes + " bytes long, over S3's limit of " + MAX_KEY_BYTES + " bytes: no key may be longer than "
          + MAX_KEY_BYTES + " bytes (UTF-8)";
    }
    if (key.startsWith("/")) {
      return "is absolute (starts with '/'); keys are relative to the bucket";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\') {
        return "contains a backslash at index " + i + "; segments are separated by '/'";
      }
      if (c == 0) {
        return "contains a NUL character at index " + i;
      }
      if (Character.isISOControl(c)) {
        return String.format("contains the control character U+%04X at index %d", (int) c, i);
      }
      if (Character.isSurrogate(c) && !validSurrogatePair(key, i)) {
        return "contains an unpaired UTF-16 surrogate at index " + i;
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return null;
  }

  private static boolean validSurrogatePair(String key, int i) {
    return Character.isHighSurrogate(key.charAt(i)) && i + 1 < key.length()
        && Character.isLowSurrogate(key.charAt(i + 1));
  }

  private static String segmentProblem(String segments) {
    for (String segment : segments.split("/", -1)) {
      if (segment.isEmpty()) {
        return "has an empty segment ('//')";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "has a '" + segment + "' segment; keys cannot navigate";
      }
      if (segment.startsWith(RESERVED_PREFIX)) {
        return "has a segment starting with " + RESERVED_PREFIX + ", which the local store reserves for its own files";
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        return "has a segment longer than " + MAX_SEGMENT_BYTES + " bytes, a file name's limit: no segment is longer than "
            + MAX_SEGMENT_BYTES + " bytes";
      }
    }
    return null;
  }
}
