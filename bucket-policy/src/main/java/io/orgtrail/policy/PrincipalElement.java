package io.orgtrail.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement's {@code Principal} or ({@code negated}) {@code NotPrincipal}: either everyone ({@code wildcard},
 * written {@code "*"}) or
 * principals by type ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}).
 */
public record PrincipalElement(boolean negated, boolean wildcard, Map<String, List<String>> byType) {
  /** The principal types policies may name. */
  public static final List<String> TYPES = List.of("AWS", "Service", "Federated", "CanonicalUser");

  public PrincipalElement {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    byType.forEach((type, ids) -> copy.put(type, List.copyOf(ids)));
    byType = java.util.Collections.unmodifiableMap(copy);
    if (wildcard && !byType.isEmpty()) {
      throw new IllegalArgumentException("a Principal is either \"*\" or principals by type, not both");
    }
    if (!wildcard && byType.isEmpty()) {
      throw new IllegalArgumentException("a Principal needs \"*\" or at least one principal, such as {\"AWS\": \"111122223333\"}");
    }
  }

  public static PrincipalElement everyone() {
    return new PrincipalElement(false, true, Map.of());
  }

  public static PrincipalElement service(String... names) {
    return new PrincipalElement(false, false, Map.of("Service", List.of(names)));
  }

  public static PrincipalElement aws(String... arnsOrAccountIds) {
    return new PrincipalElement(false, false, Map.of("AWS", List.of(arnsOrAccountIds)));
  }

  /** {@code Principal} or {@code NotPrincipal}. */
  public String jsonName() {
    return negated ? "NotPrincipal" : "Principal";
  }

  /** The principals of one type, empty when the element names none. */
  public List<String> ids(String type) {
    return byType.getOrDefault(type, List.of());
  }
}
