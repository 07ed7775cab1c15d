package io.orgtrail.policy.eval;

import io.orgtrail.policy.Effect;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a request against policies with AWS semantics: an explicit Deny in any policy wins; otherwise an Allow is
 * needed; otherwise the request is implicitly denied. Thread-safe.
 */
public final class PolicyEvaluator {
  /** How many non-matching statements an implicit deny's explanation lists. */
  private static final int REASONS_SHOWN = 8;

  private final Clock clock;

  /** @param clock supplies aws:CurrentTime and aws:EpochTime when the request lacks them */
  public PolicyEvaluator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Decision evaluate(List<PolicyDocument> policies, AccessRequest request) {
    RequestContext context = new RequestContext(request, clock);
    DecidingStatement firstAllow = null;
    List<String> reasons = new ArrayList<>();
    boolean several = policies.size() > 1;
    for (int p = 0; p < policies.size(); p++) {
      PolicyDocument policy = policies.get(p);
      StatementMatcher matcher = new StatementMatcher(request, context, policy.substitutesVariables());
      for (int i = 0; i < policy.statements().size(); i++) {
        Statement s = policy.statements().get(i);
        DecidingStatement where = new DecidingStatement(p, i, s.sid());
        Optional<String> whyNot = matcher.whyNot(s);
        if (whyNot.isPresent()) {
          reasons.add(describe(where, several) + ": " + whyNot.get());
        } else if (s.effect() == Effect.DENY) {
          return new Decision(
              Verdict.EXPLICIT_DENY,
              Optional.of(where),
              describe(where, several) + " denies " + what(request) + "; an explicit Deny overrides every Allow");
        } else if (firstAllow == null) {
          firstAllow = where;
        }
      }
    }
    if (firstAllow != null) {
      return new Decision(
          Verdict.ALLOWED,
          Optional.of(firstAllow),
          describe(firstAllow, several) + " allows " + what(request) + " and no statement denies it");
    }
    StringBuilder why = new StringBuilder("no statement allows " + what(request));
    if (policies.isEmpty()) {
      why.append(": there is no policy");
    }
    reasons.stream().limit(REASONS_SHOWN).forEach(r -> why.append("; ").append(r));
    if (reasons.size() > REASONS_SHOWN) {
      why.append("; and ").append(reasons.size() - REASONS_SHOWN).append(" more statements do not apply");
    }
    return new Decision(Verdict.IMPLICIT_DENY, Optional.empty(), why.toString());
  }

  public Decision evaluate(PolicyDocument policy, AccessRequest request) {
    return evaluate(List.of(policy), request);
  }

  private static String describe(DecidingStatement where, boolean several) {
    return (several ? "policy[" + where.policyIndex() + "] " : "") + where.describe();
  }

  private static String what(AccessRequest request) {
    return request.action() + " on " + request.resource() + " for " + request.principal();
  }
}
