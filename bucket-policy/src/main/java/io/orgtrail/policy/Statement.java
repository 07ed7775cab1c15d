package io.orgtrail.policy;

import io.orgtrail.policy.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a policy.
 *
 * @param sid the statement id, or null when the statement has none
 * @param effect Allow or Deny
 * @param principal the Principal or NotPrincipal element, or null (identity and session policies have none)
 * @param action the Action or NotAction element
 * @param resource the Resource or NotResource element
 * @param conditions the Condition block's tests, all of which must hold (empty when there is no Condition)
 */
public record Statement(
    String sid, Effect effect, PrincipalElement principal, ActionElement action, ResourceElement resource, List<Condition> conditions) {
  public Statement {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    conditions = List.copyOf(conditions);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Condition c : conditions) {
      // Policy JSON cannot hold the same key twice under one operator, so neither can a statement.
      if (!seen.add(c.operator().name() + " " + c.key().toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "the statement tests " + c.key() + " with " + c.operator().name() + " twice: put all values in one condition");
      }
    }
  }

  public Optional<String> sidIfAny() {
    return Optional.ofNullable(sid);
  }

  public Optional<PrincipalElement> principalIfAny() {
    return Optional.ofNullable(principal);
  }

  /** Where this statement is in its policy, for messages: {@code Statement[1] (Sid "ReadOwn")}. */
  public static String describe(int index, String sid) {
    return "Statement[" + index + "]" + (sid == null ? "" : " (Sid \"" + sid + "\")");
  }

  public static Builder allow() {
    return new Builder(Effect.ALLOW);
  }

  public static Builder deny() {
    return new Builder(Effect.DENY);
  }

  /** Builds a statement: {@code Statement.allow().sid("Read").action("s3:GetObject").resource("arn:...").build()}. */
  public static final class Builder {
    private final Effect effect;
    private String sid;
    private PrincipalElement principal;
    private ActionElement action;
    private ResourceElement resource;
    private final List<Condition> conditions = new ArrayList<>();

    private Builder(Effect effect) {
      this.effect = effect;
    }

    public Builder sid(String sid) {
      this.sid = sid;
      return this;
    }

    public Builder principal(PrincipalElement principal) {
      this.principal = principal;
      return this;
    }

    public Builder action(String... actions) {
      this.action = ActionElement.of(actions);
      return this;
    }

    public Builder action(ActionElement action) {
      this.action = action;
      return this;
    }

    public Builder resource(String... resources) {
      this.resource = ResourceElement.of(resources);
      return this;
    }

    public Builder resource(ResourceElement resource) {
      this.resource = resource;
      return this;
    }

    public Builder condition(String operator, String key, String... values) {
      conditions.add(Condition.of(operator, key, values));
      return this;
    }

    public Builder condition(Condition condition) {
      conditions.add(condition);
      return this;
    }

    public Statement build() {
      return new Statement(sid, effect, principal, action, resource, conditions);
    }
  }
}
