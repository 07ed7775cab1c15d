package io.orgtrail.cli.policy;

import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.aggregator.AggregatorSettings;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.StoreSettings;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.generate.OrgBucketPolicy;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.SessionPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.policy.generate.WritePolicies;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Prints one of the trail's policies as JSON:",
      "  org-bucket     the bucket policy CloudTrail asks for on an organization trail's bucket (AWS S3)",
      "  org-writer     the same writes for MinIO: the user policy of the MinIO user the aggregator writes as",
      "  account-read   a member account's read session policy: GetObject and ListBucket under its own prefix only",
      "  platform-read  the platform team's read session policy: everything under the trail's prefix",
      "  account-write  what may be written for one account: PutObject under its prefix only",
      "Values come from the flags, or from the aggregator's --config (orgId, prefix, store.bucket, trail); flags win."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "1:the policy cannot be rendered (a session policy over 2,048 characters)", "2:bad usage"})
public final class PolicyGenerateCommand implements Callable<Integer> {
  /** The policies this command generates. */
  enum Kind {
    ORG_BUCKET("org-bucket"),
    ORG_WRITER("org-writer"),
    ACCOUNT_READ("account-read"),
    PLATFORM_READ("platform-read"),
    ACCOUNT_WRITE("account-write");

    final String word;

    Kind(String word) {
      this.word = word;
    }

    static Kind of(String word) {
      return Arrays.stream(values())
          .filter(k -> k.word.equals(word))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "unknown policy '" + word + "': use one of " + String.join(", ", words())));
    }

    static List<String> words() {
      return Arrays.stream(values()).map(k -> k.word).toList();
    }
  }

  /** For picocli's help and completion. */
  static final class KindWords implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Kind.words().iterator();
    }
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", completionCandidates = KindWords.class,
      description = "org-bucket, org-writer, account-read, platform-read or account-write.")
  String kind;

  @Option(names = "--config", description = "The aggregator's YAML configuration file.")
  Path config;

  @Option(names = "--bucket", description = "The trail's bucket. Default the --config's store.bucket, else orgtrail.")
  String bucket;

  @Option(names = "--prefix", description = "The key prefix before AWSLogs/. Default the --config's prefix, else none.")
  String prefix;

  @Option(names = "--org-id", description = "The organization id, e.g. o-a1b2c3d4e5. Default the --config's orgId.")
  String orgId;

  @Option(names = "--account", description = "The member account (account-read, account-write).")
  String account;

  @Option(names = "--management-account", description = "The management account (org-bucket). Default the trail ARN's "
      + "account, else the --config's trail.managementAccountId.")
  String managementAccount;

  @Option(names = "--trail-arn", description = "The organization trail's ARN (org-bucket). Default the --config's trail.")
  String trailArn;

  @Option(names = "--compact", description = "Print compact JSON (what goes into STS AssumeRole's Policy parameter).")
  boolean compact;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Kind k = Kind.of(kind);
      AggregatorSettings file = YamlFiles.read(config, AggregatorSettings.class, AggregatorSettings.EMPTY);
      PolicyDocument policy = generate(k, file);
      if (k != Kind.ORG_BUCKET) {
        try {
          SessionPolicies.render(policy);
        } catch (IllegalArgumentException e) {
          err.println("orgtrail policy generate: " + e.getMessage());
          return ExitCodes.FAILED;
        }
      }
      out.println(compact ? policy.toJson() : policy.toPrettyJson());
      return ExitCodes.OK;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("orgtrail policy generate: " + e.getMessage());
      return ExitCodes.USAGE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private PolicyDocument generate(Kind k, AggregatorSettings file) {
    StoreSettings store = file.store() == null ? StoreSettings.EMPTY : file.store();
    String org = YamlFiles.pick(orgId, file.orgId());
    if (org == null) {
      throw new IllegalArgumentException("give --org-id (e.g. o-a1b2c3d4e5) or a --config with orgId");
    }
    TrailBucket trailBucket =
        new TrailBucket(YamlFiles.pick(bucket, store.bucket(), "orgtrail"), YamlFiles.pick(prefix, file.prefix(), ""), org);
    return switch (k) {
      case ORG_BUCKET -> orgBucket(trailBucket, file);
      case ORG_WRITER -> OrgBucketPolicy.minioWriter(trailBucket, managementAccount(file));
      case ACCOUNT_READ -> ReadPolicies.account(trailBucket, requireAccount(k));
      case PLATFORM_READ -> ReadPolicies.platform(trailBucket);
      case ACCOUNT_WRITE -> WritePolicies.account(trailBucket, requireAccount(k));
    };
  }

  private PolicyDocument orgBucket(TrailBucket trailBucket, AggregatorSettings file) {
    String arn = trailArn;
    if (arn == null && config != null) {
      arn = file.trailName(null, null, managementAccount).arn();
    }
    if (arn == null) {
      throw new IllegalArgumentException(
          "org-bucket needs the trail: give --trail-arn (e.g. arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail)"
              + " or a --config with a trail section");
    }
    String management = YamlFiles.pick(managementAccount, TrailName.fromArn(arn).managementAccountId());
    return OrgBucketPolicy.generate(trailBucket, management, arn);
  }

  private String managementAccount(AggregatorSettings file) {
    String management = managementAccount;
    if (management == null && trailArn != null) {
      management = TrailName.fromArn(trailArn).managementAccountId();
    }
    if (management == null && config != null) {
      management = file.trailName(null, null, null).managementAccountId();
    }
    if (management == null) {
      throw new IllegalArgumentException("org-writer needs the management account: give --management-account "
          + "(12 digits), --trail-arn, or a --config with a trail section");
    }
    return management;
  }

  private String requireAccount(Kind k) {
    if (account == null) {
      throw new IllegalArgumentException(k.word + " needs --account (the member's 12-digit account id)");
    }
    return account;
  }
}
