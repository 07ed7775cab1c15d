package io.orgtrail.policy.eval;

import io.orgtrail.policy.Statement;
import io.orgtrail.policy.condition.Condition;
import io.orgtrail.policy.condition.ConditionEvaluator;
import io.orgtrail.policy.text.Piece;
import io.orgtrail.policy.text.PolicyVariables;
import io.orgtrail.policy.text.Wildcard;
import java.util.List;
import java.util.Optional;

/** Whether one statement applies to a request, and if not, why not in words. */
final class StatementMatcher {
  private final AccessRequest request;
  private final RequestContext context;
  private final boolean substituteVariables;
  private final ConditionEvaluator conditions;

  StatementMatcher(AccessRequest request, RequestContext context, boolean substituteVariables) {
    this.request = request;
    this.context = context;
    this.substituteVariables = substituteVariables;
    this.conditions = new ConditionEvaluator(substituteVariables);
  }

  /** Empty when the statement applies; otherwise the reason it does not. */
  Optional<String> whyNot(Statement s) {
    if (s.principal() != null) {
      boolean named = PrincipalMatcher.named(s.principal(), request.principal());
      if (named == s.principal().negated()) {
        return Optional.of(
            s.principal().negated()
                ? "the principal " + request.principal() + " is in its NotPrincipal"
                : "the principal " + request.principal() + " is not in its Principal");
      }
    }
    boolean actionNamed = s.action().patterns().stream().anyMatch(p -> Wildcard.of(p, true).matches(request.action()));
    if (actionNamed == s.action().negated()) {
      return Optional.of(
          s.action().negated()
              ? "the action " + request.action() + " is in its NotAction"
              : "the action " + request.action() + " does not match its Action " + s.action().patterns());
    }
    boolean resourceNamed = s.resource().patterns().stream().anyMatch(this::resourceMatches);
    if (resourceNamed == s.resource().negated()) {
      return Optional.of(
          s.resource().negated()
              ? "the resource is in its NotResource " + s.resource().patterns()
              : "the resource does not match its Resource " + s.resource().patterns());
    }
    for (Condition c : s.conditions()) {
      if (!conditions.test(c, context)) {
        List<String> actual = context.valuesOrEmpty(c.key());
        return Optional.of(
            "its condition " + c.operator().name() + " " + c.key() + " " + c.values() + " is not met (the request has "
                + (actual.isEmpty() ? "no " + c.key() : c.key() + "=" + actual) + ")");
      }
    }
    return Optional.empty();
  }

  private boolean resourceMatches(String pattern) {
    if (!substituteVariables) {
      return Wildcard.of(pattern, false).matches(request.resource());
    }
    Optional<List<Piece>> pieces = PolicyVariables.resolve(pattern, context::single);
    return pieces.isPresent() && Wildcard.of(pieces.get(), false).matches(request.resource());
  }
}
