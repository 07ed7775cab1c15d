package io.orgtrail.agent.spool;

/**
 * What the spool holds and has been through since it was opened.
 *
 * @param segments segment files in use
 * @param diskBytes bytes of those files (what {@link SpoolCapacity} bounds)
 * @param batches batches not acknowledged yet
 * @param events records in those batches
 * @param bytes the records' bytes
 * @param oldestSpooledAtMillis when the oldest unacknowledged batch was written, or -1 when there is none
 * @param recoveredBatches unacknowledged batches found when the spool was opened (resent from it)
 * @param corruptTails damaged or torn segment ends cut off when the spool was opened
 * @param corruptBytes bytes cut off with them (kept in {@code <segment>.corrupt-<n>} files)
 * @param ackWriteFailures acknowledgement marks that could not be written (those batches are resent after a
 *     restart, and the aggregator answers DUPLICATE)
 */
public record SpoolStats(
    int segments,
    long diskBytes,
    long batches,
    long events,
    long bytes,
    long oldestSpooledAtMillis,
    long recoveredBatches,
    long corruptTails,
    long corruptBytes,
    long ackWriteFailures) {}
