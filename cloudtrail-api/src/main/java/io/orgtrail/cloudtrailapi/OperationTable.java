package io.orgtrail.cloudtrailapi;

import io.orgtrail.format.digest.PublicKeyInfo;
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

  /** @param lookupEvents the LookupEvents operation, or null when there is no event history */
  static OperationTable forTrail(TrailDescription trail, Supplier<List<PublicKeyInfo>> publicKeys,
      Supplier<TrailStatus> status, String managementAccountEmail, Clock clock, Operation lookupEvents) {
    TrailLookup lookup = new TrailLookup(trail);
    Map<String, Operation> cloudTrail = new LinkedHashMap<>();
    cloudTrail.put("DescribeTrails", new DescribeTrailsOperation(lookup));
    cloudTrail.put("GetTrail", new GetTrailOperation(lookup));
    cloudTrail.put("GetTrailStatus", new GetTrailStatusOperation(lookup, status));
    cloudTrail.put("ListPublicKeys", new ListPublicKeysOperation(publicKeys, clock));
    if (lookupEvents != null) {
      cloudTrail.put("LookupEvents", lookupEvents);
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
