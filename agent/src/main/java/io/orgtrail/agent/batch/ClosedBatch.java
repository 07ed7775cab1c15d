package io.orgtrail.agent.batch;

import java.util.List;
import java.util.Map;

/** A batch that takes no more events but has no sequence number or signature yet. */
record ClosedBatch(List<byte[]> events, long bytes, Map<SettlementListener, Integer> listeners) {}
