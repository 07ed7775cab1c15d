package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one validation.
 *
 * @param requestedStart the request's start
 * @param requestedEnd the request's end
 * @param foundStart earliest time covered by a valid digest (not before the requested start), or null when no
 *     digest was valid; as the AWS CLI's "Results found for"
 * @param foundEnd latest time covered by a valid digest (not after the requested end), or null
 * @param chains the chains validated, in account then region order
 * @param counts what was seen
 * @param problems every finding, errors and information, in the order found
 */
public record ValidationReport(
    Instant requestedStart,
    Instant requestedEnd,
    Instant foundStart,
    Instant foundEnd,
    List<ChainId> chains,
    ValidationCounts counts,
    List<Problem> problems) {

  public ValidationReport {
    chains = List.copyOf(chains);
    problems = List.copyOf(problems);
  }

  /** True when nothing proves or suggests that a log file or digest was changed, added or deleted: exit code 0. */
  public boolean isClean() {
    return problems.stream().noneMatch(p -> p.kind().isError());
  }

  /** The problems of one kind, in the order found. */
  public List<Problem> problems(ProblemKind kind) {
    return problems.stream().filter(p -> p.kind() == kind).toList();
  }

  /** The problems that make the report unclean. */
  public List<Problem> errors() {
    return problems.stream().filter(p -> p.kind().isError()).toList();
  }
}
