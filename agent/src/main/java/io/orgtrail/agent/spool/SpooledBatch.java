package io.orgtrail.agent.spool;

/**
 * A batch that is in the spool, without its content (read it with {@link Spool#read}).
 *
 * @param sequence the batch's sequence number
 * @param events how many records it holds
 * @param bytes the records' bytes (without framing)
 * @param spooledAtMillis when it was written (the {@link java.time.Clock} of the agent that wrote it)
 * @param location where its record lies
 */
public record SpooledBatch(long sequence, int events, long bytes, long spooledAtMillis, SpoolLocation location) {}
