package io.orgtrail.aggregator.ingest;

import io.orgtrail.proto.v1.EventRejection;
import java.util.List;

/**
 * A batch's events after the per-event checks: the ones to write, the ones refused with why, and how many the
 * trail's event selectors left out.
 */
record ScreenedEvents(List<AcceptedEvent> accepted, List<EventRejection> rejections, long acceptedBytes,
    int filtered) {}
