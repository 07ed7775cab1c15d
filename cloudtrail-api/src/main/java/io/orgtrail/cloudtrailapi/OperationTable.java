package io.orgtrail.cloudtrailapi;

import io.orgtrail.cloudtrailapi.auth.SigV4Verifier;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.history.EventHistory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Which operation an {@code X-Amz-Target} header names. */
final class OperationTable {
  static final String CLOUDTRAIL = "CloudTrail_20131101";
  // Botocore's service model spells CloudTrail's target prefix with its full namespace; AWS accepts both forms.
  static final String CLOUDTRAIL_NAMESPACED = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
  static final String ORGANIZATIONS = "AWSOrganizationsV20161128";

  private final Map<String, Operation> byTarget;

  private OperationTable(Map<String, Operation> byTarget) {
    this.byTarget = Map.copyOf(byTarget);
  }

  /**
   * @param verifier checks the signatures of the operations that show events or change the trail
   * @param history the event history for LookupEvents, or null (no LookupEvents)
   * @param selectors the trail's event selectors, or null (no Get/PutEventSelectors)
   */
  static OperationTable forTrail(TrailDescription trail, Supplier<List<PublicKeyInfo>> publicKeys,
      Supplier<TrailStatus> status, String managementAccountEmail, Clock clock, SigV4Verifier verifier,
      EventHistory history, EventSelectorsStore selectors) {
    TrailLookup lookup = new TrailLookup(trail);
    Map<String, Operation> cloudTrail = new LinkedHashMap<>();
    cloudTrail.put("DescribeTrails", new DescribeTrailsOperation(lookup));
    cloudTrail.put("GetTrail", new GetTrailOperation(lookup));
    cloudTrail.put("GetTrailStatus", new GetTrailStatusOperation(lookup, status));
    cloudTrail.put("ListPublicKeys", new ListPublicKeysOperation(publicKeys, clock));
    if (history != null) {
      cloudTrail.put("LookupEvents", new LookupEventsOperation(history, verifier));
    }
    if (selectors != null) {
      cloudTrail.put("GetEventSelectors", new EventSelectorsOperation(lookup, selectors, verifier, false));
      cloudTrail.put("PutEventSelectors", new EventSelectorsOperation(lookup, selectors, verifier, true));
    }

    Map<String, Operation> byTarget = new LinkedHashMap<>();
    cloudTrail.forEach((name, op) -> {
      byTarget.put(CLOUDTRAIL + "." + name, op);
      byTarget.put(CLOUDTRAIL_NAMESPACED + "." + name, op);
    });
    byTarget.put(ORGANIZATIONS + ".DescribeOrganization",
        new DescribeOrganizationOperation(trail, managementAccountEmail));
    return new OperationTable(byTarget);
  }

  /** The operation {@code target} names, or UnknownOperationException. */
  Operation find(String target) {
    Operation op = target == null ? null : byTarget.get(target);
    if (op == null) {
      throw ApiException.unknownOperation(target);
    }
    return op;
  }
}
