package io.orgtrail.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.cli.OrgtrailCommand;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.SessionPolicyLimit;
import io.orgtrail.policy.eval.AccessRequest;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.eval.Principal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code orgtrail policy ...} in-process, as the shell would, and checks output and exit codes. */
class PolicyCommandTest {
  static final String ORG = "o-a1b2c3d4e5";
  static final String MEMBER = "111122223333";
  static final String OTHER = "444455556666";
  static final String TRAIL_ARN = "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail";

  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OrgtrailCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static final String READ_OWN =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "ReadOwn", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::trail/AWSLogs/*"},
        {"Sid": "ListOwn", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::trail",
         "Condition": {"StringLike": {"s3:prefix": ["AWSLogs/", "AWSLogs/*"]}}}]}
      """;
  private static final String DENY_DELETE =
      """
      {"Version": "2012-10-17", "Statement": {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}}
      """;

  @Test
  void lintReportsValidFilesWithStatementCounts() throws Exception {
    Path a = file("a.json", READ_OWN);
    Path b = file("b.json", DENY_DELETE);

    Run r = run("policy", "lint", a.toString(), b.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains(a + ": valid (2 statements)", b + ": valid (1 statement)").doesNotContain("warning");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void lintGivesThePreciseErrorAndExits1() throws Exception {
    Path good = file("good.json", READ_OWN);
    Path bad = file("bad.json", READ_OWN.replace("StringLike", "StringLikee"));

    Run r = run("policy", "lint", good.toString(), bad.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains(good + ": valid (2 statements)")
        .contains(bad + ": invalid: Statement[1] (Sid \"ListOwn\").Condition.StringLikee: unknown condition operator"
            + " \"StringLikee\"; did you mean StringLike?");
  }

  @Test
  void lintWarnsAboutVariablesAwsWouldNotSubstitute() throws Exception {
    Path old = file("old.json",
        "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/home/${aws:username}/*\"}]}");

    Run r = run("policy", "lint", old.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(old + ": valid (1 statement)")
        .contains(old + ": warning: Version: the policy has no Version")
        .contains(old + ": warning: Statement[0].Resource: \"arn:aws:s3:::b/home/${aws:username}/*\" looks like a policy variable");
  }

  @Test
  void lintWarnsAboutSessionPoliciesOverTheLimit() throws Exception {
    StringBuilder statements = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      statements.append(i == 0 ? "" : ",")
          .append("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/AWSLogs/o-a1b2c3d4e5/")
          .append(String.format("%012d", i)).append("/*\"}");
    }
    Path big = file("big.json", "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
    PolicyDocument policy = PolicyDocument.parse(Files.readString(big));
    int measure = SessionPolicyLimit.measure(policy);

    Run r = run("policy", "lint", big.toString());

    assertThat(measure).isGreaterThan(2048);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains(big + ": warning: (document): as a session policy (it has no Principal) it measures "
        + measure + " characters as MinIO counts them (compact JSON is " + policy.toJson().length()
        + "), over the limit of 2048");
  }

  @Test
  void lintOfAMissingFileIsAUsageError() throws Exception {
    Path good = file("good.json", READ_OWN);

    Run r = run("policy", "lint", good.toString(), dir.resolve("missing.json").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains(good + ": valid");
    assertThat(r.err()).contains("orgtrail policy lint: " + dir.resolve("missing.json") + ": no such file");
  }

  @Test
  void lintWithoutFilesIsAUsageError() {
    Run r = run("policy", "lint");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter");
  }

  @Test
  void evalPrintsAllowedFirstThenTheStatement() throws Exception {
    Path p = file("read.json", READ_OWN);

    Run r = run("policy", "eval", "--policy", p.toString(), "--action", "s3:GetObject",
        "--resource", "arn:aws:s3:::trail/AWSLogs/o-a1b2c3d4e5/" + MEMBER + "/k.json.gz",
        "--principal", "arn:aws:iam::" + MEMBER + ":role/member-admin");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().toList())
        .startsWith("allowed", "decided by: " + p + " Statement[0] (Sid \"ReadOwn\")");
    assertThat(r.out()).contains("why: Statement[0] (Sid \"ReadOwn\") allows s3:GetObject");
  }

  @Test
  void evalWithMultiValuedContextAndImplicitDeny() throws Exception {
    Path p = file("read.json", READ_OWN);

    Run r = run("policy", "eval", "--policy", p.toString(), "--action", "s3:ListBucket", "--resource", "arn:aws:s3:::trail",
        "--context", "s3:prefix=AWSLogs/", "--context", "s3:prefix=private/");

    // A positive operator over a multi-valued key needs one value to match: AWSLogs/ does.
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("allowed\n");

    Run denied = run("policy", "eval", "--policy", p.toString(), "--action", "s3:ListBucket", "--resource", "arn:aws:s3:::trail",
        "--context", "s3:prefix=private/");

    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.out().lines().toList())
        .startsWith("implicitDeny", "decided by: no statement (nothing allows the request)");
    assertThat(denied.out()).contains("its condition StringLike s3:prefix [AWSLogs/, AWSLogs/*] is not met (the request has s3:prefix=[private/])");
  }

  @Test
  void evalExplicitDenyAcrossPoliciesNamesTheFile() throws Exception {
    Path allow = file("allow.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}");
    Path deny = file("deny.json", DENY_DELETE);

    Run r = run("policy", "eval", "--policy", allow.toString(), "--policy", deny.toString(),
        "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::trail/k");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out().lines().toList()).startsWith("explicitDeny", "decided by: " + deny + " Statement[0] (Sid \"NoDeletes\")");
    assertThat(r.out()).contains("an explicit Deny overrides every Allow").contains("policy[1] is " + deny);
  }

  @Test
  void evalOfAnInvalidPolicyExits2WithTheError() throws Exception {
    Path bad = file("bad.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3GetObject\", \"Resource\": \"*\"}]}");

    Run r = run("policy", "eval", "--policy", bad.toString(), "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("orgtrail policy eval: " + bad + ": invalid policy: Statement[0].Action: \"s3GetObject\" is not an action");
  }

  @Test
  void evalUsageErrorsExit2() throws Exception {
    Path p = file("read.json", READ_OWN);

    assertThat(run("policy", "eval", "--policy", p.toString(), "--action", "s3:GetObject").exitCode()).isEqualTo(2);
    Run badContext = run("policy", "eval", "--policy", p.toString(), "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
        "--context", "s3:prefix");
    assertThat(badContext.exitCode()).isEqualTo(2);
    assertThat(badContext.err()).contains("--context 's3:prefix' is not KEY=VALUE");
    Run badPrincipal = run("policy", "eval", "--policy", p.toString(), "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
        "--principal", "alice");
    assertThat(badPrincipal.exitCode()).isEqualTo(2);
    assertThat(badPrincipal.err()).contains("principal 'alice' is not understood");
    Run missing = run("policy", "eval", "--policy", dir.resolve("nope.json").toString(), "--action", "s3:GetObject",
        "--resource", "arn:aws:s3:::b/k");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.json: no such file");
    Run badAction = run("policy", "eval", "--policy", p.toString(), "--action", "GetObject", "--resource", "arn:aws:s3:::b/k");
    assertThat(badAction.exitCode()).isEqualTo(2);
    assertThat(badAction.err()).contains("--action 'GetObject' is not service:action");
  }

  @Test
  void evalUsesTheClockUnlessTheContextGivesTheTime() throws Exception {
    Path p = file("until.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
        + " \"Resource\": \"*\", \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \"2030-01-01T00:00:00Z\"}}}]}");
    Clock before = Clock.fixed(Instant.parse("2029-12-31T23:59:59Z"), ZoneOffset.UTC);
    Clock after = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    String[] args = {"--policy", p.toString(), "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"};

    assertThat(new CommandLine(new PolicyEvalCommand(before)).execute(args)).isZero();
    assertThat(new CommandLine(new PolicyEvalCommand(after)).execute(args)).isEqualTo(1);
    assertThat(run("policy", "eval", "--policy", p.toString(), "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
        "--context", "aws:CurrentTime=2031-01-01T00:00:00Z").exitCode()).isEqualTo(1);
  }

  @Test
  void generateAccountReadPrintsAPolicyThatReadsOnlyThatAccount() throws Exception {
    Run r = run("policy", "generate", "account-read", "--bucket", "org-trail-logs", "--prefix", "logs", "--org-id", ORG,
        "--account", MEMBER);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [");
    PolicyDocument policy = PolicyDocument.parse(r.out());
    PolicyEvaluator evaluator = new PolicyEvaluator(Clock.systemUTC());
    Principal admin = Principal.aws("arn:aws:sts::" + MEMBER + ":assumed-role/member-admin/alice");
    String own = "arn:aws:s3:::org-trail-logs/logs/AWSLogs/" + ORG + "/" + MEMBER + "/CloudTrail/x.json.gz";
    String other = "arn:aws:s3:::org-trail-logs/logs/AWSLogs/" + ORG + "/" + OTHER + "/CloudTrail/x.json.gz";
    assertThat(evaluator.evaluate(policy, AccessRequest.builder().principal(admin).action("s3:GetObject").resource(own).build()).allowed()).isTrue();
    assertThat(evaluator.evaluate(policy, AccessRequest.builder().principal(admin).action("s3:GetObject").resource(other).build()).allowed()).isFalse();
  }

  @Test
  void generateCompactIsTheSessionPolicyText() throws Exception {
    Run r = run("policy", "generate", "account-write", "--org-id", ORG, "--account", MEMBER, "--compact");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"WriteAccountLogs\",\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
            + "\"Resource\":\"arn:aws:s3:::orgtrail/AWSLogs/" + ORG + "/" + MEMBER + "/*\"}]}");
  }

  @Test
  void generateOrgBucketFromFlags() throws Exception {
    Run r = run("policy", "generate", "org-bucket", "--bucket", "org-trail-logs", "--org-id", ORG, "--trail-arn", TRAIL_ARN);

    assertThat(r.exitCode()).as(r.err()).isZero();
    PolicyDocument policy = PolicyDocument.parse(r.out());
    assertThat(policy.statements()).hasSize(3);
    assertThat(r.out())
        .contains("\"Sid\": \"AWSCloudTrailAclCheck20150319\"")
        .contains("\"Resource\": \"arn:aws:s3:::org-trail-logs/AWSLogs/999988887777/*\"")
        .contains("\"Resource\": \"arn:aws:s3:::org-trail-logs/AWSLogs/" + ORG + "/*\"")
        .contains("\"aws:SourceArn\": \"" + TRAIL_ARN + "\"")
        .contains("\"s3:x-amz-acl\": \"bucket-owner-full-control\"")
        .contains("\"Service\": \"cloudtrail.amazonaws.com\"");
  }

  @Test
  void generateReadsTheAggregatorConfig() throws Exception {
    Path config = file("aggregator.yaml", """
        orgId: o-zzzzzzzzzz
        prefix: audit
        store:
          type: minio
          endpoint: http://127.0.0.1:9000
          bucket: company-trail
        trail:
          name: org-trail
          homeRegion: eu-west-1
          managementAccountId: "555566667777"
        """);

    Run platform = run("policy", "generate", "platform-read", "--config", config.toString());
    Run org = run("policy", "generate", "org-bucket", "--config", config.toString());
    Run flagWins = run("policy", "generate", "account-read", "--config", config.toString(), "--account", MEMBER, "--bucket", "other-bucket");

    assertThat(platform.exitCode()).as(platform.err()).isZero();
    assertThat(platform.out()).contains("arn:aws:s3:::company-trail/audit/*").contains("\"audit/\"", "\"audit/*\"");
    assertThat(org.exitCode()).as(org.err()).isZero();
    assertThat(org.out()).contains("arn:aws:cloudtrail:eu-west-1:555566667777:trail/org-trail")
        .contains("arn:aws:s3:::company-trail/audit/AWSLogs/555566667777/*")
        .contains("arn:aws:s3:::company-trail/audit/AWSLogs/o-zzzzzzzzzz/*");
    assertThat(flagWins.out()).contains("arn:aws:s3:::other-bucket/audit/AWSLogs/o-zzzzzzzzzz/" + MEMBER + "/*");
  }

  @Test
  void generateUsageErrorsSayWhatIsMissing() {
    Run unknown = run("policy", "generate", "bucket", "--org-id", ORG);
    Run noAccount = run("policy", "generate", "account-read", "--org-id", ORG);
    Run noOrg = run("policy", "generate", "platform-read");
    Run noTrail = run("policy", "generate", "org-bucket", "--org-id", ORG);
    Run wrongManagement = run("policy", "generate", "org-bucket", "--org-id", ORG, "--trail-arn", TRAIL_ARN,
        "--management-account", MEMBER);
    Run badAccount = run("policy", "generate", "account-read", "--org-id", ORG, "--account", "12345");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown policy 'bucket': use one of org-bucket, org-writer, account-read, platform-read, account-write");
    assertThat(noAccount.exitCode()).isEqualTo(2);
    assertThat(noAccount.err()).contains("account-read needs --account");
    assertThat(noOrg.exitCode()).isEqualTo(2);
    assertThat(noOrg.err()).contains("give --org-id");
    assertThat(noTrail.exitCode()).isEqualTo(2);
    assertThat(noTrail.err()).contains("org-bucket needs the trail: give --trail-arn");
    assertThat(wrongManagement.exitCode()).isEqualTo(2);
    assertThat(wrongManagement.err()).contains("belongs to account 999988887777, not to the management account " + MEMBER);
    assertThat(badAccount.exitCode()).isEqualTo(2);
    assertThat(badAccount.err()).contains("account id '12345' is not valid");
  }

  @Test
  void policyAloneShowsItsSubcommands() {
    Run r = run("policy");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("lint", "eval", "generate");
  }
}
