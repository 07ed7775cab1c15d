package io.orgtrail.agent.spool;

/**
 * Where a batch record lies: the segment (named by its first sequence number), the offset of the record's frame
 * and the frame's length.
 */
public record SpoolLocation(long segment, long offset, int length) {}
