package io.orgtrail.policy.generate;

import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.Statement;

/** What the aggregator may write on behalf of one account. */
public final class WritePolicies {
  private WritePolicies() {}

  /** What the aggregator may write for one account: PutObject on {@code <accountPrefix>*} only. */
  public static PolicyDocument account(TrailBucket bucket, String accountId) {
    return PolicyDocument.of(
        Statement.allow()
            .sid("WriteAccountLogs")
            .action("s3:PutObject")
            .resource(bucket.objectArn(bucket.accountPrefix(accountId) + "*"))
            .build());
  }
}
