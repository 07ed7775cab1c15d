package io.orgtrail.agent.batch;

/**
 * What intake took for records before they went into a batch (memory in the in-flight budget, room in the spool),
 * given back by the sealer once their batch is spooled or refused.
 */
@FunctionalInterface
public interface IntakeReservations {
  void release(long bytes, int events);
}
