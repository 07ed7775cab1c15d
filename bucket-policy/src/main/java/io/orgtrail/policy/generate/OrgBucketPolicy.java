package io.orgtrail.policy.generate;

import io.orgtrail.format.layout.AccountId;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.PrincipalElement;
import io.orgtrail.policy.Statement;
import java.util.regex.Pattern;

/**
 * The bucket policy CloudTrail asks for on an organization trail's bucket: the ACL check on the bucket, and
 * PutObject under the management account's prefix and under the organization's prefix, each only for this trail
 * (aws:SourceArn) and only with the bucket-owner-full-control ACL.
 */
public final class OrgBucketPolicy {
  static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
  private static final Pattern TRAIL_ARN = Pattern.compile("arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:(\\d{12}):trail/[A-Za-z0-9._-]{3,128}");

  private OrgBucketPolicy() {}

  public static PolicyDocument generate(TrailBucket bucket, String managementAccountId, String trailArn) {
    requireTrailOf(managementAccountId, trailArn);
    PrincipalElement cloudTrail = PrincipalElement.service(CLOUDTRAIL);
    String prefix = bucket.trailPrefix();
    return PolicyDocument.of(
        Statement.allow()
            .sid("AWSCloudTrailAclCheck20150319")
            .principal(cloudTrail)
            .action("s3:GetBucketAcl")
            .resource(bucket.bucketArn())
            .condition("StringEquals", "aws:SourceArn", trailArn)
            .build(),
        Statement.allow()
            .sid("AWSCloudTrailWrite20150319")
            .principal(cloudTrail)
            .action("s3:PutObject")
            .resource(bucket.objectArn(prefix + "AWSLogs/" + managementAccountId + "/*"))
            .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
            .condition("StringEquals", "aws:SourceArn", trailArn)
            .build(),
        Statement.allow()
            .sid("AWSCloudTrailOrganizationWrite20150319")
            .principal(cloudTrail)
            .action("s3:PutObject")
            .resource(bucket.objectArn(bucket.organizationPrefix() + "*"))
            .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
            .condition("StringEquals", "aws:SourceArn", trailArn)
            .build());
  }

  /**
   * The same writes, for MinIO: the user policy of the MinIO user the aggregator writes as. MinIO authorises signed
   * requests by user policies (bucket policies only apply to anonymous requests), and it refuses the condition keys
   * CloudTrail's bucket policy relies on ({@code aws:SourceArn}, {@code s3:x-amz-acl}); the aggregator builds every
   * key itself, so the prefixes are the whole grant. Reading and listing are included because the aggregator checks
   * what reached the store after a restart.
   */
  public static PolicyDocument minioWriter(TrailBucket bucket, String managementAccountId) {
    AccountId.require(managementAccountId);
    String prefix = bucket.trailPrefix();
    return PolicyDocument.of(
        Statement.allow()
            .sid("OrgTrailWrite")
            .action("s3:PutObject")
            .resource(bucket.objectArn(bucket.organizationPrefix() + "*"),
                bucket.objectArn(prefix + "AWSLogs/" + managementAccountId + "/*"))
            .build(),
        Statement.allow()
            .sid("OrgTrailCheck")
            .action("s3:GetObject")
            .resource(bucket.objectArn(prefix + "AWSLogs/*"))
            .build(),
        Statement.allow()
            .sid("OrgTrailList")
            .action("s3:ListBucket", "s3:GetBucketLocation")
            .resource(bucket.bucketArn())
            .build());
  }

  private static void requireTrailOf(String managementAccountId, String trailArn) {
    AccountId.require(managementAccountId);
    var m = trailArn == null ? null : TRAIL_ARN.matcher(trailArn);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "trail ARN '" + trailArn + "' is not valid: it looks like"
              + " arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail");
    }
    if (!m.group(1).equals(managementAccountId)) {
      throw new IllegalArgumentException(
          "trail ARN '" + trailArn + "' belongs to account " + m.group(1) + ", not to the management account "
              + managementAccountId + ": an organization trail is created in the management account");
    }
  }
}
