package io.orgtrail.access.server;

import io.grpc.Status;
import io.grpc.StatusException;
import io.orgtrail.access.identity.Caller;
import io.orgtrail.access.identity.Role;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.eval.AccessRequest;
import io.orgtrail.policy.eval.Decision;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.eval.Principal;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every read with the policy library: the caller's identity policy is the read policy of its role
 * ({@link ReadPolicies#account} of its own account for a member admin, {@link ReadPolicies#platform} for the
 * platform role), evaluated for the caller's principal ARN exactly as S3 would evaluate it. A refusal is
 * PERMISSION_DENIED saying what the caller may read and what it asked for, and a WARN log line.
 */
final class ReadAuthorizer {
  private static final Logger log = LoggerFactory.getLogger(ReadAuthorizer.class);
  /** A key under a prefix, to ask whether objects there may be read. */
  private static final String PROBE_OBJECT = "CloudTrail/";

  private final TrailBucket bucket;
  private final PolicyEvaluator evaluator;

  ReadAuthorizer(TrailBucket bucket, PolicyEvaluator evaluator) {
    this.bucket = bucket;
    this.evaluator = evaluator;
  }

  /** What the caller's role may read, as a policy. */
  PolicyDocument identityPolicy(Caller caller) {
    return caller.role() == Role.PLATFORM
        ? ReadPolicies.platform(bucket)
        : ReadPolicies.account(bucket, caller.accountId());
  }

  /** Where the caller's readable keys start. */
  String readablePrefix(Caller caller) {
    return caller.role() == Role.PLATFORM ? bucket.trailPrefix() : bucket.accountPrefix(caller.accountId());
  }

  /** s3:ListBucket with s3:prefix = {@code prefix}. */
  void requireList(Caller caller, String prefix) throws StatusException {
    Decision decision = mayList(caller, prefix);
    if (!decision.allowed()) {
      throw denied(caller, decision, prefix.isEmpty()
          ? "to list the whole bucket (prefix '')"
          : "to list prefix '" + prefix + "'", prefix.isEmpty() ? "list the whole bucket" : "list " + prefix);
    }
  }

  /** s3:GetObject on the object's ARN. */
  void requireRead(Caller caller, String key) throws StatusException {
    Decision decision = mayRead(caller, key);
    if (!decision.allowed()) {
      throw denied(caller, decision, "to read " + key, "read " + key);
    }
  }

  /**
   * Read access to one account ({@code accountId}) or, when it is empty, to the whole organization: both listing its
   * prefix and reading objects under it must be allowed.
   */
  void requireGrant(Caller caller, String accountId) throws StatusException {
    String prefix = accountId.isEmpty() ? bucket.organizationPrefix() : bucket.accountPrefix(accountId);
    Decision decision = mayList(caller, prefix);
    if (decision.allowed()) {
      decision = mayRead(caller, prefix + PROBE_OBJECT);
    }
    if (!decision.allowed()) {
      throw denied(caller, decision, accountId.isEmpty()
          ? "for every account's logs (only the platform role may)"
          : "for " + accountId, "grant " + (accountId.isEmpty() ? "all accounts" : accountId));
    }
  }

  private Decision mayList(Caller caller, String prefix) {
    return evaluator.evaluate(identityPolicy(caller), AccessRequest.builder()
        .principal(Principal.aws(caller.principalArn()))
        .action("s3:ListBucket")
        .resource(bucket.bucketArn())
        .context("s3:prefix", prefix)
        .build());
  }

  private Decision mayRead(Caller caller, String key) {
    return evaluator.evaluate(identityPolicy(caller), AccessRequest.builder()
        .principal(Principal.aws(caller.principalArn()))
        .action("s3:GetObject")
        .resource(bucket.objectArn(key))
        .build());
  }

  private StatusException denied(Caller caller, Decision decision, String asked, String askedForLog) {
    log.warn("access denied: principal {} ({}), certificate serial {}, asked to {} ({})", caller.principalArn(),
        caller.name(), caller.serial(), askedForLog, decision.verdict().simulatorName());
    String scope = caller.role() == Role.PLATFORM
        ? "the trail's logs" + (bucket.trailPrefix().isEmpty() ? "" : " under " + bucket.trailPrefix())
        : "account " + caller.accountId() + "'s logs";
    String where = caller.role() == Role.PLATFORM ? "" : " (keys under " + readablePrefix(caller) + ")";
    String message = caller.describe() + " may read only " + scope + (asked.startsWith("for ") ? "" : where)
        + "; it asked " + asked;
    return Status.PERMISSION_DENIED.withDescription(message).asException();
  }
}
