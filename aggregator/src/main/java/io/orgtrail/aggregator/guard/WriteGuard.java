package io.orgtrail.aggregator.guard;

import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.eval.AccessRequest;
import io.orgtrail.policy.eval.Decision;
import io.orgtrail.policy.eval.Principal;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.policy.generate.WritePolicies;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last check before every write: the key the aggregator built must be one the account's write policy allows
 * ({@code s3:PutObject} on {@code [prefix/]AWSLogs/<orgId>/<accountId>/*} only). Keys are built from the enrolled
 * account and validated segments, so a refusal here means that validation has a hole: the write is refused rather
 * than placed outside the account's prefix.
 */
public final class WriteGuard {
  private static final Principal AGGREGATOR = Principal.service("aggregator.orgtrail.io");

  private final TrailBucket bucket;
  private final PolicyEvaluator evaluator;
  private final Map<String, PolicyDocument> policies = new ConcurrentHashMap<>();

  public WriteGuard(TrailBucket bucket, PolicyEvaluator evaluator) {
    this.bucket = bucket;
    this.evaluator = evaluator;
  }

  /**
   * @throws KeyOutsideAccountException when the account's write policy does not allow writing {@code key}
   */
  public void check(String accountId, String key) {
    PolicyDocument policy = policies.computeIfAbsent(accountId, a -> WritePolicies.account(bucket, a));
    Decision decision = evaluator.evaluate(policy, AccessRequest.builder()
        .principal(AGGREGATOR)
        .action("s3:PutObject")
        .resource(bucket.objectArn(key))
        .build());
    if (!decision.allowed() || key.contains("..") || key.indexOf('\0') >= 0) {
      throw new KeyOutsideAccountException("refusing to write '" + key + "' for account " + accountId
          + ": the account's write policy allows only " + bucket.objectArn(bucket.accountPrefix(accountId)) + "* ("
          + decision.verdict().simulatorName() + ")");
    }
  }

  /** The trail bucket whose account prefixes the guard enforces. */
  public TrailBucket bucket() {
    return bucket;
  }
}
