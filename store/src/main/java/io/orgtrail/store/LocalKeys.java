package io.orgtrail.store;

/**
 * Which object keys a {@link LocalDirectoryStore} accepts: those {@link KeyRules} allows, so that a key always names
 * a file below the store's root and nothing else.
 */
final class LocalKeys {
  static final String RESERVED_PREFIX = KeyRules.RESERVED_PREFIX;

  private LocalKeys() {}

  /** Checks a full object key. */
  static void requireSafeKey(String key, String store) throws StoreException {
    String problem = KeyRules.keyProblem(key);
    if (problem != null) {
      throw unsafe(key, problem, store);
    }
  }

  /**
   * Checks a listing prefix: empty (everything), or a key's beginning, possibly ending in {@code /} or in the
   * middle of a segment (only whole segments can navigate; a trailing partial one is just matched as text).
   */
  static void requireSafePrefix(String prefix, String store) throws StoreException {
    if (prefix == null) {
      throw new StoreException("cannot list " + store + ": the prefix is null; use \"\" to list everything");
    }
    String problem = KeyRules.prefixProblem(prefix, true);
    if (problem != null) {
      throw unsafe(prefix, problem, store);
    }
  }

  private static StoreException unsafe(String key, String why, String store) {
    return new StoreException("unsafe object key " + quote(key) + " for " + store + ": it " + why
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
