package io.orgtrail.policy.condition;

import java.util.List;
import java.util.Optional;

/** The request's condition keys, looked up case-insensitively. */
public interface ContextKeys {
  /** The key's values; empty when the request does not have the key (or has it with no values). */
  Optional<List<String>> values(String key);

  /** The key's value for a policy variable: present only when the key has exactly one value. */
  default Optional<String> single(String key) {
    return values(key).filter(v -> v.size() == 1).map(v -> v.get(0));
  }
}
