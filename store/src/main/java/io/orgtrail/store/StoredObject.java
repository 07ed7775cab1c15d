package io.orgtrail.store;

import java.util.Map;

/** An object read back: its bytes and user metadata (keys lower-case, without {@code x-amz-meta-}). */
public record StoredObject(String key, byte[] content, Map<String, String> userMetadata) {}
