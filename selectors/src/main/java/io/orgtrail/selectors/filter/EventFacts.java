package io.orgtrail.selectors.filter;

import java.util.List;

/**
 * The fields of one record that selectors test; null where the record leaves a field out (or the filter did not need
 * it). {@code category} is derived as CloudTrail does; {@code readOnly} is false when the record has none, since
 * CloudTrail counts such events (service events, sign-ins) as writes.
 */
record EventFacts(
    String category,
    String eventSource,
    String eventName,
    String eventType,
    boolean readOnly,
    String errorCode,
    String userIdentityArn,
    List<ResourceRef> resources) {

  static final String MANAGEMENT = "Management";
  static final String DATA = "Data";
  static final String INSIGHT = "Insight";
}
