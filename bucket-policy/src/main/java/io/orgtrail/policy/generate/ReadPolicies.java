package io.orgtrail.policy.generate;

import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.Statement;
import java.util.ArrayList;
import java.util.List;

/** Session policies for reading the trail: one account's logs, or everything for the platform team. */
public final class ReadPolicies {
  private ReadPolicies() {}

  /** GetObject on {@code <accountPrefix>*}, ListBucket only with s3:prefix under {@code <accountPrefix>}, GetBucketLocation. */
  public static PolicyDocument account(TrailBucket bucket, String accountId) {
    String prefix = bucket.accountPrefix(accountId);
    return PolicyDocument.of(
        Statement.allow()
            .sid("ReadAccountLogs")
            .action("s3:GetObject")
            .resource(bucket.objectArn(prefix + "*"))
            .build(),
        Statement.allow()
            .sid("ListAccountPrefix")
            .action("s3:ListBucket")
            .resource(bucket.bucketArn())
            .condition("StringLike", "s3:prefix", prefix, prefix + "*")
            .build(),
        locateBucket(bucket));
  }

  /** The platform team: GetObject and ListBucket on the whole trail prefix (everything when it is empty), GetBucketLocation. */
  public static PolicyDocument platform(TrailBucket bucket) {
    String prefix = bucket.trailPrefix();
    List<Statement> statements = new ArrayList<>();
    statements.add(
        Statement.allow().sid("ReadTrailLogs").action("s3:GetObject").resource(bucket.objectArn(prefix + "*")).build());
    Statement.Builder list = Statement.allow().sid("ListTrail").action("s3:ListBucket").resource(bucket.bucketArn());
    if (!prefix.isEmpty()) {
      list.condition("StringLike", "s3:prefix", prefix, prefix + "*");
    }
    statements.add(list.build());
    statements.add(locateBucket(bucket));
    return PolicyDocument.of(statements);
  }

  static Statement locateBucket(TrailBucket bucket) {
    return Statement.allow().sid("LocateBucket").action("s3:GetBucketLocation").resource(bucket.bucketArn()).build();
  }
}
