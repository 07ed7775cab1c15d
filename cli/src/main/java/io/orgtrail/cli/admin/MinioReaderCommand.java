package io.orgtrail.cli.admin;

import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.store.sts.MinioUsers;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "minio-reader",
    mixinStandardHelpOptions = true,
    description = {
      "Creates (or updates) the MinIO user in whose name the aggregator issues read credentials: it may only read "
          + "the trail's bucket (the platform read policy), so no temporary credential derived from it can ever "
          + "write or delete, whatever its session policy says.",
      "Needs MinIO's root credentials (--root-access-key/--root-secret-key, or MINIO_ROOT_USER/MINIO_ROOT_PASSWORD). "
          + "Prints the aggregator settings that use the user."
    })
public final class MinioReaderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--endpoint", required = true, description = "MinIO, e.g. http://127.0.0.1:9000.")
  String endpoint;

  @Option(names = "--root-access-key", description = "MinIO's root user. Default $MINIO_ROOT_USER.")
  String rootAccessKey;

  @Option(names = "--root-secret-key", description = "MinIO's root password. Default $MINIO_ROOT_PASSWORD.")
  String rootSecretKey;

  @Option(names = "--bucket", description = "The trail's bucket. Default orgtrail.")
  String bucket = "orgtrail";

  @Option(names = "--prefix", description = "The trail's key prefix before AWSLogs/. Default none.")
  String prefix = "";

  @Option(names = "--org-id", required = true, description = "The organization id, e.g. o-a1b2c3d4e5.")
  String orgId;

  @Option(names = "--user", description = "The reader's access key. Default orgtrail-reader.")
  String user = "orgtrail-reader";

  @Option(names = "--secret", description = "The reader's secret key (at least 8 characters). Default: a new random one, printed once.")
  String secret;

  @Override
  public Integer call() throws Exception {
    String rootUser = rootAccessKey != null ? rootAccessKey : System.getenv("MINIO_ROOT_USER");
    String rootPassword = rootSecretKey != null ? rootSecretKey : System.getenv("MINIO_ROOT_PASSWORD");
    if (rootUser == null || rootPassword == null) {
      throw new ConfigException("MinIO's root credentials are needed to create a user: pass --root-access-key and "
          + "--root-secret-key, or set MINIO_ROOT_USER and MINIO_ROOT_PASSWORD");
    }
    if (secret != null && secret.length() < 8) {
      throw new ConfigException("--secret must be at least 8 characters (MinIO's minimum)");
    }
    String secretKey = secret != null ? secret : HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
    TrailBucket trail = new TrailBucket(bucket, prefix, orgId);
    String policyName = "orgtrail-read-" + bucket;
    new MinioUsers(endpoint, rootUser, rootPassword)
        .ensureUser(user, secretKey, policyName, ReadPolicies.platform(trail).toJson());
    spec.commandLine().getOut().printf(
        "MinIO user %s may now only read s3://%s/%s (policy %s)%n"
            + "aggregator settings (YAML):%n  access:%n    stsAccessKey: %s%n    stsSecretKey: %s%n"
            + "or the environment: ORGTRAIL_STS_ACCESS_KEY=%s ORGTRAIL_STS_SECRET_KEY=%s%n",
        user, bucket, trail.trailPrefix(), policyName, user, secretKey, user, secretKey);
    return ExitCodes.OK;
  }
}
