package io.orgtrail.policy.eval;

import io.orgtrail.policy.condition.ContextKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request's condition keys, case-insensitive, with the keys AWS derives itself added when the request does not
 * give them: aws:CurrentTime and aws:EpochTime (from the clock), aws:PrincipalArn, aws:PrincipalAccount,
 * aws:PrincipalType, aws:username (IAM users) and aws:PrincipalServiceName.
 */
final class RequestContext implements ContextKeys {
  private final Map<String, List<String>> keys = new HashMap<>();

  RequestContext(AccessRequest request, Clock clock) {
    request.context().forEach((k, v) -> keys.computeIfAbsent(lower(k), x -> new ArrayList<>()).addAll(v));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    derive("aws:CurrentTime", now.toString());
    derive("aws:EpochTime", Long.toString(now.getEpochSecond()));
    Principal p = request.principal();
    switch (p.type()) {
      case AWS -> {
        derive("aws:PrincipalArn", p.id());
        p.accountId().ifPresent(a -> derive("aws:PrincipalAccount", a));
        String resource = p.id().split(":", 6).length == 6 ? p.id().split(":", 6)[5] : "";
        if (resource.equals("root")) {
          derive("aws:PrincipalType", "Account");
        } else if (resource.startsWith("user/")) {
          derive("aws:PrincipalType", "User");
          derive("aws:username", resource.substring(resource.lastIndexOf('/') + 1));
        } else if (resource.startsWith("assumed-role/")) {
          derive("aws:PrincipalType", "AssumedRole");
        } else if (resource.startsWith("role/")) {
          derive("aws:PrincipalType", "Role");
        }
      }
      case SERVICE -> derive("aws:PrincipalServiceName", p.id());
      case ANONYMOUS -> derive("aws:PrincipalType", "Anonymous");
    }
  }

  private void derive(String key, String value) {
    keys.putIfAbsent(lower(key), List.of(value));
  }

  @Override
  public Optional<List<String>> values(String key) {
    return Optional.ofNullable(keys.get(lower(key))).filter(v -> !v.isEmpty());
  }

  /** The request's own values of a key, for explanations (empty when it has none). */
  List<String> valuesOrEmpty(String key) {
    return keys.getOrDefault(lower(key), List.of());
  }

  private static String lower(String key) {
    return key.toLowerCase(Locale.ROOT);
  }
}
