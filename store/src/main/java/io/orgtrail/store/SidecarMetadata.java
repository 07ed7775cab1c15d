package io.orgtrail.store;

import java.util.Map;

/** What the local store keeps beside an object: what S3 would keep in its headers. */
record SidecarMetadata(String contentType, String contentEncoding, Map<String, String> userMetadata) {
  SidecarMetadata {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }
}
