package io.orgtrail.policy.eval;

import java.util.Objects;
import java.util.Optional;

/** The verdict, which statement decided it (empty for an implicit deny no statement matched), and why in words. */
public record Decision(Verdict verdict, Optional<DecidingStatement> decidedBy, String explanation) {
  public Decision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(explanation, "explanation");
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOWED;
  }
}
