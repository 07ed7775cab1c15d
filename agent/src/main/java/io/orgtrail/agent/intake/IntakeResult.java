package io.orgtrail.agent.intake;

/** What intake made of one record. */
public sealed interface IntakeResult {
  /** The record passed the checks; {@code record} carries its eventID (filled in when it had none). */
  record Accepted(String eventId, byte[] record) implements IntakeResult {}

  /**
   * The record passed the checks but the trail's event selectors do not select it: the source treats it as
   * accepted, with {@code eventId} (its own, or one made up when it had none), yet it is neither spooled nor sent.
   */
  record Filtered(String eventId) implements IntakeResult {}

  /**
   * The record was refused. {@code problem} is a {@link io.orgtrail.format.record.RecordProblem} name, or for
   * refusals a source makes itself, that source's code (see {@link #problem()}).
   */
  record Rejected(String problem, String message) implements IntakeResult {}
}
