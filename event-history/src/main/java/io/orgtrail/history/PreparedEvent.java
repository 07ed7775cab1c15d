package io.orgtrail.history;

import java.util.List;

/** A management event ready to be inserted. */
record PreparedEvent(
    String eventId,
    String account,
    long eventTime,
    String eventName,
    String eventSource,
    String readOnly,
    String username,
    String accessKeyId,
    List<HistoryResource> resources,
    String record) {}
