package io.orgtrail.store;

import java.nio.charset.StandardCharsets;

/**
 * Which object keys a {@link LocalDirectoryStore} accepts: relative paths of non-empty segments separated by
 * {@code /}, so that a key always names a file below the store's root and nothing else. S3 is more permissive;
 * the keys orgtrail writes ({@code AWSLogs/<org>/<account>/CloudTrail/...}) are valid in both.
 */
final class LocalKeys {
  /** S3's limit, also ours so that a key valid here is valid in any S3 store. */
  static final int MAX_KEY_BYTES = 1024;
  /** Most file systems' limit for one name. */
  static final int MAX_SEGMENT_BYTES = 255;
  /** Names the store uses for itself (metadata tree, temp files); no key segment may start with it. */
  static final String RESERVED_PREFIX = ".orgtrail-";

  private LocalKeys() {}

  /** Checks a full object key. */
  static void requireSafeKey(String key, String store) throws StoreException {
    if (key == null || key.isEmpty()) {
      throw unsafe(key, "it is empty", store);
    }
    checkCharactersAndLength(key, store);
    if (key.endsWith("/")) {
      throw unsafe(key, "it ends with '/' (an object key names a file, not a directory)", store);
    }
    checkSegments(key, key, store);
  }

  /**
   * Checks a listing prefix: empty (everything), or a key's beginning, possibly ending in {@code /} or in the
   * middle of a segment.
   */
  static void requireSafePrefix(String prefix, String store) throws StoreException {
    if (prefix == null) {
      throw new StoreException("cannot list " + store + ": the prefix is null; use \"\" to list everything");
    }
    if (prefix.isEmpty()) {
      return;
    }
    checkCharactersAndLength(prefix, store);
    // Only whole segments can navigate; a trailing partial one ("logs/20" or ".") is just matched as text.
    int lastSlash = prefix.lastIndexOf('/');
    if (lastSlash >= 0) {
      checkSegments(prefix, prefix.substring(0, lastSlash), store);
    }
  }

  private static void checkCharactersAndLength(String key, String store) throws StoreException {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw unsafe(key, "it is longer than " + MAX_KEY_BYTES + " bytes (UTF-8)", store);
    }
    if (key.startsWith("/")) {
      throw unsafe(key, "it is absolute (starts with '/'); keys are relative to the store's root", store);
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\') {
        throw unsafe(key, "it contains a backslash; use '/' to separate segments", store);
      }
      if (c == 0) {
        throw unsafe(key, "it contains a NUL character at index " + i, store);
      }
      if (Character.isISOControl(c)) {
        throw unsafe(key, String.format("it contains the control character U+%04X at index %d", (int) c, i), store);
      }
      if (Character.isSurrogate(c) && !validSurrogatePair(key, i)) {
        throw unsafe(key, "it contains an unpaired UTF-16 surrogate at index " + i, store);
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
  }

  private static boolean validSurrogatePair(String key, int i) {
    return Character.isHighSurrogate(key.charAt(i)) && i + 1 < key.length()
        && Character.isLowSurrogate(key.charAt(i + 1));
  }

  private static void checkSegments(String key, String segments, String store) throws StoreException {
    for (String segment : segments.split("/", -1)) {
      if (segment.isEmpty()) {
        throw unsafe(key, "it has an empty segment ('//')", store);
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw unsafe(key, "it has a '" + segment + "' segment; keys may not navigate directories", store);
      }
      if (segment.startsWith(RESERVED_PREFIX)) {
        throw unsafe(key, "segment '" + segment + "' starts with " + RESERVED_PREFIX
            + ", which the local store reserves for its own files", store);
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw unsafe(key, "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes", store);
      }
    }
  }

  private static StoreException unsafe(String key, String why, String store) {
    return new StoreException("unsafe object key " + quote(key) + " for " + store + ": " + why
        + ". Keys look like AWSLogs/o-xxxx/111122223333/CloudTrail/us-east-1/2025/01/31/file.json.gz");
  }

  private static String quote(String key) {
    if (key == null) {
      return "null";
    }
    StringBuilder quoted = new StringBuilder("\"");
    key.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        quoted.append(String.format("\\u%04x", cp));
      } else {
        quoted.appendCodePoint(cp);
      }
    });
    return quoted.append('"').toString();
  }
}
