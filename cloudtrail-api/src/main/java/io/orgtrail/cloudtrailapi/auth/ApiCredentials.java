package io.orgtrail.cloudtrailapi.auth;

import java.util.Optional;

/** The access keys the API accepts signatures from: static platform keys, or credentials orgtrail issued. */
@FunctionalInterface
public interface ApiCredentials {
  ApiCredentials NONE = accessKeyId -> Optional.empty();

  Optional<ApiCaller> find(String accessKeyId);
}
