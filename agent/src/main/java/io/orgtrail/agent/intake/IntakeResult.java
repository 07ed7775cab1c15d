package io.orgtrail.agent.intake;

/** What intake made of one record. */
public sealed interface IntakeResult {
  /** The record passed the checks; {@code record} carries its eventID (filled in when it had none). */
  record Accepted(String eventId, byte[] record) implements IntakeResult {}

  /**
   * The record was refused. {@code problem} is a {@link io.orgtrail.format.record.RecordProblem} name, or for
   * refusals a source makes itself, that source's code (see {@link #problem()}).
   */
  record Rejected(String problem, String message) implements IntakeResult {}
}
