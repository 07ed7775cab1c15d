package io.orgtrail.store;

import java.util.Map;

/**
 * An object to write.
 *
 * @param key the full object key
 * @param content the bytes
 * @param contentType e.g. {@code application/json}
 * @param contentEncoding e.g. {@code gzip}, or null
 * @param userMetadata user metadata without the {@code x-amz-meta-} prefix (e.g. {@code signature})
 */
public record PutObject(
    String key, byte[] content, String contentType, String contentEncoding, Map<String, String> userMetadata) {

  public PutObject {
    userMetadata = Map.copyOf(userMetadata);
  }

  public static PutObject gzipJson(String key, byte[] gzipped) {
    return new PutObject(key, gzipped, "application/json", "gzip", Map.of());
  }
}
