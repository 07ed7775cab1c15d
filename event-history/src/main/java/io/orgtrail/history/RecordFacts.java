package io.orgtrail.history;

import java.util.List;

/** What the history reads from one record, before deciding whether to keep it. */
record RecordFacts(
    String eventId,
    String eventTime,
    String eventName,
    String eventSource,
    String readOnly,
    String recipientAccountId,
    String eventCategory,
    Boolean managementEvent,
    UserIdentity userIdentity,
    List<HistoryResource> resources) {

  /** CloudTrail's own rule: eventCategory Management, or (older records) no category and not managementEvent=false. */
  boolean isManagementEvent() {
    if (eventCategory != null) {
      return eventCategory.equals("Management");
    }
    return managementEvent == null || managementEvent;
  }
}
