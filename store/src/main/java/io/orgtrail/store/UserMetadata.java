package io.orgtrail.store;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** User metadata as S3 returns it: keys lower-case (HTTP header names are case-insensitive). */
final class UserMetadata {
  private UserMetadata() {}

  static Map<String, String> normalized(Map<String, String> metadata, String key, String store)
      throws StoreException {
    Map<String, String> lowerCase = new TreeMap<>();
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      if (lowerCase.put(name, entry.getValue()) != null) {
        throw new StoreException("cannot write " + key + " to " + store + ": user metadata has the name '" + name
            + "' twice (names are case-insensitive)");
      }
    }
    return Map.copyOf(lowerCase);
  }
}
