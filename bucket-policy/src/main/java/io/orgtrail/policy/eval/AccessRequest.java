package io.orgtrail.policy.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is asked: who, which action, on which resource, with which context keys (multi-valued). Context keys are
 * compared case-insensitively during evaluation.
 */
public record AccessRequest(Principal principal, String action, String resource, Map<String, List<String>> context) {
  public AccessRequest {
    Objects.requireNonNull(principal, "principal");
    if (action == null || action.isEmpty()) {
      throw new IllegalArgumentException("a request needs an action, such as s3:GetObject");
    }
    if (resource == null || resource.isEmpty()) {
      throw new IllegalArgumentException("a request needs a resource ARN, such as arn:aws:s3:::bucket/key");
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    context.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    context = Collections.unmodifiableMap(copy);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a request; the principal defaults to anonymous. */
  public static final class Builder {
    private Principal principal = Principal.anonymous();
    private String action;
    private String resource;
    private final Map<String, List<String>> context = new LinkedHashMap<>();

    private Builder() {}

    public Builder principal(Principal principal) {
      this.principal = principal;
      return this;
    }

    public Builder action(String action) {
      this.action = action;
      return this;
    }

    public Builder resource(String resource) {
      this.resource = resource;
      return this;
    }

    /** Adds a value to a context key; repeat a key to make it multi-valued. */
    public Builder context(String key, String value) {
      context.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Sets all values of a context key (an empty list is a key present with no values). */
    public Builder context(String key, List<String> values) {
      context.put(key, new ArrayList<>(values));
      return this;
    }

    public AccessRequest build() {
      return new AccessRequest(principal, action, resource, context);
    }
  }
}
