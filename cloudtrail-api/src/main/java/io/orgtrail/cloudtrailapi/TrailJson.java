package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code Trail} structure, with the members CloudTrail returns for an organization trail, in its order. */
final class TrailJson {
  private TrailJson() {}

  static ObjectNode render(TrailDescription t) {
    ObjectNode n = AwsJson.MAPPER.createObjectNode();
    n.put("Name", t.trail().name());
    n.put("S3BucketName", t.bucket());
    // CloudTrail omits the prefix when the trail has none; the AWS CLI then reads the bucket from its root.
    AwsJson.putIfPresent(n, "S3KeyPrefix", t.keyPrefix());
    n.put("IncludeGlobalServiceEvents", true);
    n.put("IsMultiRegionTrail", true);
    n.put("HomeRegion", t.trail().homeRegion());
    n.put("TrailARN", t.trailArn());
    n.put("LogFileValidationEnabled", true);
    n.put("HasCustomEventSelectors", false);
    n.put("HasInsightSelectors", false);
    n.put("IsOrganizationTrail", true);
    return n;
  }
}
