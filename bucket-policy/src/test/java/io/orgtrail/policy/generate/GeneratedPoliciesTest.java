package io.orgtrail.policy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.SessionPolicyLimit;
import io.orgtrail.policy.Statement;
import io.orgtrail.policy.eval.AccessRequest;
import io.orgtrail.policy.eval.Decision;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.eval.Principal;
import io.orgtrail.policy.eval.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedPoliciesTest {
  static final String ORG = "o-a1b2c3d4e5";
  static final String MEMBER = "111122223333";
  static final String OTHER = "444455556666";
  static final String MANAGEMENT = "999988887777";
  static final String TRAIL_ARN = "arn:aws:cloudtrail:us-east-1:" + MANAGEMENT + ":trail/org-trail";
  static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

  private final PolicyEvaluator evaluator = new PolicyEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));
  private final Principal session = Principal.aws("arn:aws:sts::" + MEMBER + ":assumed-role/member-admin/alice");

  @ParameterizedTest
  @ValueSource(strings = {"", "logs", "team/trails"})
  void memberReadsItsOwnPrefixOnly(String keyPrefix) {
    TrailBucket bucket = new TrailBucket("org-trail-logs", keyPrefix, ORG);
    PolicyDocument read = ReadPolicies.account(bucket, MEMBER);
    String own = bucket.layout().logFileKey(MEMBER, "us-east-1", NOW, "abcdefghij012345");
    String other = bucket.layout().logFileKey(OTHER, "us-east-1", NOW, "abcdefghij012345");
    String digest = bucket.layout().digestPrefix(MEMBER, "us-east-1") + "2024/06/01/x.json.gz";

    assertThat(decide(read, "s3:GetObject", bucket.objectArn(own))).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(read, "s3:GetObject", bucket.objectArn(digest))).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(read, "s3:GetObject", bucket.objectArn(other))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(read, "s3:GetObject", bucket.objectArn(bucket.organizationPrefix() + "x"))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(read, "s3:GetObject", bucket.objectArn("AWSLogs/" + ORG + "/" + MEMBER + "/x")))
        .isEqualTo(keyPrefix.isEmpty() ? Verdict.ALLOWED : Verdict.IMPLICIT_DENY);
    assertThat(decide(read, "s3:GetBucketLocation", bucket.bucketArn())).isEqualTo(Verdict.ALLOWED);
    for (String write : List.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl")) {
      assertThat(decide(read, write, bucket.objectArn(own))).as(write).isEqualTo(Verdict.IMPLICIT_DENY);
    }
    assertThat(decide(read, "s3:GetObject", "arn:aws:s3:::other-bucket/" + own)).isEqualTo(Verdict.IMPLICIT_DENY);
  }

  @Test
  void memberListsOnlyUnderItsPrefix() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "logs", ORG);
    PolicyDocument read = ReadPolicies.account(bucket, MEMBER);
    String own = bucket.accountPrefix(MEMBER);

    assertThat(list(read, bucket, own)).isEqualTo(Verdict.ALLOWED);
    assertThat(list(read, bucket, own + "CloudTrail/us-east-1/2024/")).isEqualTo(Verdict.ALLOWED);
    assertThat(list(read, bucket, bucket.accountPrefix(OTHER))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(list(read, bucket, bucket.organizationPrefix())).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(list(read, bucket, own.substring(0, own.length() - 1))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(list(read, bucket, "")).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(list(read, bucket, null)).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(read.statements().get(1).conditions().get(0).values()).containsExactly(own, own + "*");
  }

  @Test
  void platformReadsEverythingButWritesNothing() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "", ORG);
    PolicyDocument platform = ReadPolicies.platform(bucket);

    for (String account : List.of(MEMBER, OTHER, MANAGEMENT)) {
      String key = bucket.layout().logFileKey(account, "eu-west-1", NOW, "abcdefghij012345");
      assertThat(decide(platform, "s3:GetObject", bucket.objectArn(key))).isEqualTo(Verdict.ALLOWED);
      assertThat(decide(platform, "s3:PutObject", bucket.objectArn(key))).isEqualTo(Verdict.IMPLICIT_DENY);
      assertThat(decide(platform, "s3:DeleteObject", bucket.objectArn(key))).isEqualTo(Verdict.IMPLICIT_DENY);
      assertThat(list(platform, bucket, bucket.accountPrefix(account))).isEqualTo(Verdict.ALLOWED);
    }
    assertThat(list(platform, bucket, null)).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(platform, "s3:GetBucketLocation", bucket.bucketArn())).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void platformWithAKeyPrefixStaysUnderIt() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "logs/", ORG);
    PolicyDocument platform = ReadPolicies.platform(bucket);

    assertThat(bucket.keyPrefix()).isEqualTo("logs");
    assertThat(decide(platform, "s3:GetObject", bucket.objectArn("logs/AWSLogs/" + ORG + "/" + OTHER + "/k"))).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(platform, "s3:GetObject", bucket.objectArn("private/k"))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(list(platform, bucket, "logs/AWSLogs/")).isEqualTo(Verdict.ALLOWED);
    assertThat(list(platform, bucket, "logs/")).isEqualTo(Verdict.ALLOWED);
    assertThat(list(platform, bucket, "private/")).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(list(platform, bucket, null)).isEqualTo(Verdict.IMPLICIT_DENY);
  }

  @Test
  void writePolicyAllowsOnlyItsAccountsPrefix() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "logs", ORG);
    PolicyDocument write = WritePolicies.account(bucket, MEMBER);
    String own = bucket.layout().logFileKey(MEMBER, "us-east-1", NOW, "abcdefghij012345");

    assertThat(decide(write, "s3:PutObject", bucket.objectArn(own))).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(write, "s3:PutObject", bucket.objectArn(bucket.layout().logFileKey(OTHER, "us-east-1", NOW, "abcdefghij012345"))))
        .isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(write, "s3:PutObject", bucket.objectArn(bucket.organizationPrefix() + "x"))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(write, "s3:PutObject", bucket.objectArn("AWSLogs/" + ORG + "/" + MEMBER + "/x"))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(write, "s3:GetObject", bucket.objectArn(own))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(write, "s3:DeleteObject", bucket.objectArn(own))).isEqualTo(Verdict.IMPLICIT_DENY);
  }

  @Test
  void orgBucketPolicyIsWhatCloudTrailDocuments() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "logs", ORG);
    PolicyDocument policy = OrgBucketPolicy.generate(bucket, MANAGEMENT, TRAIL_ARN);
    Principal cloudTrail = Principal.service("cloudtrail.amazonaws.com");

    assertThat(policy.statements()).extracting(Statement::sid)
        .containsExactly("AWSCloudTrailAclCheck20150319", "AWSCloudTrailWrite20150319", "AWSCloudTrailOrganizationWrite20150319");
    assertThat(policy.statements().get(1).resource().patterns())
        .containsExactly("arn:aws:s3:::org-trail-logs/logs/AWSLogs/" + MANAGEMENT + "/*");
    assertThat(policy.statements().get(2).resource().patterns())
        .containsExactly("arn:aws:s3:::org-trail-logs/logs/AWSLogs/" + ORG + "/*");
    assertThat(cloudTrailAsks(policy, cloudTrail, "s3:GetBucketAcl", bucket.bucketArn(), TRAIL_ARN, null)).isEqualTo(Verdict.ALLOWED);
    String memberKey = bucket.layout().logFileKey(MEMBER, "us-east-1", NOW, "abcdefghij012345");
    assertThat(cloudTrailAsks(policy, cloudTrail, "s3:PutObject", bucket.objectArn(memberKey), TRAIL_ARN, "bucket-owner-full-control"))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(cloudTrailAsks(policy, cloudTrail, "s3:PutObject", bucket.objectArn("logs/AWSLogs/" + MANAGEMENT + "/x"), TRAIL_ARN, "bucket-owner-full-control"))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(cloudTrailAsks(policy, cloudTrail, "s3:PutObject", bucket.objectArn(memberKey), TRAIL_ARN, "private"))
        .isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(cloudTrailAsks(policy, cloudTrail, "s3:PutObject", bucket.objectArn(memberKey), TRAIL_ARN.replace("org-trail", "other"), "bucket-owner-full-control"))
        .isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(cloudTrailAsks(policy, Principal.aws(MEMBER), "s3:PutObject", bucket.objectArn(memberKey), TRAIL_ARN, "bucket-owner-full-control"))
        .isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(cloudTrailAsks(policy, cloudTrail, "s3:PutObject", bucket.objectArn("logs/elsewhere/x"), TRAIL_ARN, "bucket-owner-full-control"))
        .isEqualTo(Verdict.IMPLICIT_DENY);
  }

  @Test
  void minioWriterPolicyGrantsTheOrgTrailsWritesAsAUserPolicy() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "logs", ORG);
    PolicyDocument writer = OrgBucketPolicy.minioWriter(bucket, MANAGEMENT);
    String memberKey = bucket.layout().logFileKey(MEMBER, "us-east-1", NOW, "abcdefghij012345");

    assertThat(writer.statements()).allMatch(st -> st.principal() == null && st.conditions().isEmpty());
    assertThat(decide(writer, "s3:PutObject", bucket.objectArn(memberKey))).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(writer, "s3:PutObject", bucket.objectArn("logs/AWSLogs/" + MANAGEMENT + "/x"))).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(writer, "s3:GetObject", bucket.objectArn(memberKey))).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(writer, "s3:PutObject", bucket.objectArn("logs/elsewhere/x"))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(writer, "s3:PutObject", bucket.objectArn("AWSLogs/" + ORG + "/x"))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(decide(writer, "s3:DeleteObject", bucket.objectArn(memberKey))).isEqualTo(Verdict.IMPLICIT_DENY);
    assertThat(SessionPolicies.render(writer)).isEqualTo(writer.toJson());
  }

  @Test
  void orgBucketPolicyChecksItsInputs() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "", ORG);

    assertThatThrownBy(() -> OrgBucketPolicy.generate(bucket, MANAGEMENT, "org-trail"))
        .hasMessageContaining("trail ARN 'org-trail' is not valid");
    assertThatThrownBy(() -> OrgBucketPolicy.generate(bucket, MEMBER, TRAIL_ARN))
        .hasMessageContaining("belongs to account " + MANAGEMENT);
    assertThatThrownBy(() -> OrgBucketPolicy.generate(bucket, "1234", TRAIL_ARN)).hasMessageContaining("12 digits");
    assertThatThrownBy(() -> new TrailBucket("Org_Trail", "", ORG)).hasMessageContaining("bucket name 'Org_Trail'");
    assertThatThrownBy(() -> new TrailBucket("org-trail", "../x", ORG)).hasMessageContaining("key prefix");
    assertThatThrownBy(() -> new TrailBucket("org-trail", "", "org1")).hasMessageContaining("organization id");
    assertThatThrownBy(() -> ReadPolicies.account(bucket, "11112222333x")).hasMessageContaining("12 digits");
  }

  @Test
  void everySessionPolicyRendersWellUnderTheLimitEvenWithLongestNames() throws Exception {
    TrailBucket longest = new TrailBucket("a".repeat(63), "p".repeat(100) + "/" + "q".repeat(100), "o-" + "z".repeat(32));
    List<PolicyDocument> sessionPolicies =
        List.of(ReadPolicies.account(longest, MEMBER), ReadPolicies.platform(longest), WritePolicies.account(longest, MEMBER));

    for (PolicyDocument policy : sessionPolicies) {
      String json = SessionPolicies.render(policy);
      assertThat(json.length()).isLessThanOrEqualTo(SessionPolicies.MAX_CHARS);
      assertThat(json).doesNotContain("Principal").startsWith("{\"Version\":\"2012-10-17\",\"Statement\":[");
      assertThat(PolicyDocument.parse(json)).isEqualTo(policy);
    }
  }

  @Test
  void typicalSessionPoliciesAreCompact() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "logs", ORG);

    assertThat(SessionPolicies.render(ReadPolicies.account(bucket, MEMBER)).length()).isLessThan(SessionPolicies.MAX_CHARS / 3);
    assertThat(SessionPolicies.render(ReadPolicies.platform(bucket)).length()).isLessThan(SessionPolicies.MAX_CHARS / 3);
    assertThat(SessionPolicies.render(WritePolicies.account(bucket, MEMBER)).length()).isLessThan(SessionPolicies.MAX_CHARS / 3);
  }

  @Test
  void renderRefusesWhatMinioWouldRefuse() throws Exception {
    List<Statement> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(Statement.allow().sid("Read" + i).action("s3:GetObject").resource("arn:aws:s3:::bucket/AWSLogs/" + i + "/*").build());
    }
    PolicyDocument tooLong = PolicyDocument.of(many);
    TrailBucket bucket = new TrailBucket("org-trail-logs", "", ORG);

    assertThatThrownBy(() -> SessionPolicies.render(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the session policy is " + tooLong.toJson().length() + " characters ("
            + SessionPolicyLimit.measure(tooLong) + " as MinIO counts them")
        .hasMessageContaining("over the limit of 2048");
    assertThatThrownBy(() -> SessionPolicies.render(OrgBucketPolicy.generate(bucket, MANAGEMENT, TRAIL_ARN)))
        .hasMessageContaining("Statement[0] (Sid \"AWSCloudTrailAclCheck20150319\") has a Principal");
    assertThatThrownBy(
            () -> SessionPolicies.render(PolicyDocument.parse(
                "{\"Version\": \"2008-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}")))
        .hasMessageContaining("Version 2012-10-17");
  }

  @Test
  void theLimitIsCountedAsMinioCountsIt() {
    // MinIO (checked by hand against RELEASE.2025-10-15) accepts a measure of 2048 and refuses 2049, where the
    // measure writes single strings of Action, Resource and condition values as arrays.
    PolicyDocument exactly = paddedTo(SessionPolicies.MAX_CHARS);
    PolicyDocument oneOver = paddedTo(SessionPolicies.MAX_CHARS + 1);

    assertThat(SessionPolicyLimit.measure(exactly)).isEqualTo(2048);
    assertThat(exactly.toJson().length()).isEqualTo(2048 - 6);
    assertThat(SessionPolicies.render(exactly)).isEqualTo(exactly.toJson());
    assertThatThrownBy(() -> SessionPolicies.render(oneOver)).hasMessageContaining("2049 as MinIO counts them");
  }

  /** One statement (single Action, single Resource, one single-valued condition) measuring {@code measure}. */
  private static PolicyDocument paddedTo(int measure) {
    Statement.Builder s = Statement.allow().action("s3:ListBucket").resource("arn:aws:s3:::b")
        .condition("StringLike", "s3:prefix", "a/");
    int base = SessionPolicyLimit.measure(PolicyDocument.of(s.sid("").build()));
    return PolicyDocument.of(s.sid("S".repeat(measure - base)).build());
  }

  @Test
  void trailBucketNamesItsPrefixes() {
    TrailBucket bucket = new TrailBucket("org-trail-logs", "logs", ORG);

    assertThat(bucket.bucketArn()).isEqualTo("arn:aws:s3:::org-trail-logs");
    assertThat(bucket.objectArn("a/b")).isEqualTo("arn:aws:s3:::org-trail-logs/a/b");
    assertThat(bucket.accountPrefix(MEMBER)).isEqualTo("logs/AWSLogs/" + ORG + "/" + MEMBER + "/");
    assertThat(bucket.organizationPrefix()).isEqualTo("logs/AWSLogs/" + ORG + "/");
    assertThat(new TrailBucket("org-trail-logs", "", ORG).organizationPrefix()).isEqualTo("AWSLogs/" + ORG + "/");
  }

  private Verdict decide(PolicyDocument policy, String action, String resource) {
    return evaluator.evaluate(policy, AccessRequest.builder().principal(session).action(action).resource(resource).build()).verdict();
  }

  private Verdict list(PolicyDocument policy, TrailBucket bucket, String prefix) {
    AccessRequest.Builder b = AccessRequest.builder().principal(session).action("s3:ListBucket").resource(bucket.bucketArn());
    if (prefix != null) {
      b.context("s3:prefix", prefix);
    }
    Decision d = evaluator.evaluate(policy, b.build());
    return d.verdict();
  }

  private Verdict cloudTrailAsks(PolicyDocument policy, Principal who, String action, String resource, String sourceArn, String acl) {
    AccessRequest.Builder b = AccessRequest.builder().principal(who).action(action).resource(resource).context("aws:SourceArn", sourceArn);
    if (acl != null) {
      b.context("s3:x-amz-acl", acl);
    }
    return evaluator.evaluate(policy, b.build()).verdict();
  }
}
