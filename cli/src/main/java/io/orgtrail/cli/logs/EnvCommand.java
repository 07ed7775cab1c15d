package io.orgtrail.cli.logs;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.UserFacingException;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.S3Credentials;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "env", mixinStandardHelpOptions = true,
    description = {
      "Prints temporary S3 credentials for what you may read as shell exports, for the AWS CLI or any S3 client: "
          + "eval \"$(orgtrail logs env ...)\" then aws s3 ls s3://<bucket>/<your prefix> --recursive.",
      "MinIO enforces them: anything outside your prefix is AccessDenied, and they stop working when they expire."
    })
public final class EnvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AccessOptions options;

  @Override
  public Integer call() throws Exception {
    try (AccessClient client = options.connect()) {
      ReadAccessGrant grant = options.grant(client);
      if (!grant.hasS3()) {
        throw new UserFacingException("the aggregator stores logs in a local directory (the embedded store), so there "
            + "are no S3 credentials to hand out; read with 'orgtrail logs ls', 'get' and 'validate' instead");
      }
      S3Credentials s3 = grant.getS3();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("# read access to %s as %s, until %s%n",
          grant.getAccountId().isEmpty() ? "every account" : "account " + grant.getAccountId(),
          grant.getCaller().getPrincipalArn(), Instant.ofEpochMilli(grant.getExpirationEpochMillis()));
      out.printf("export AWS_ACCESS_KEY_ID=%s%n", quote(s3.getAccessKeyId()));
      out.printf("export AWS_SECRET_ACCESS_KEY=%s%n", quote(s3.getSecretAccessKey()));
      out.printf("export AWS_SESSION_TOKEN=%s%n", quote(s3.getSessionToken()));
      out.printf("export AWS_ENDPOINT_URL_S3=%s%n", quote(s3.getEndpoint()));
      out.printf("export AWS_DEFAULT_REGION=%s%n", quote(s3.getRegion().isEmpty() ? "us-east-1" : s3.getRegion()));
      out.printf("# e.g.: aws s3 ls s3://%s/%s --recursive%n", grant.getBucket(), grant.getReadablePrefix());
    }
    return ExitCodes.OK;
  }

  /** Single-quoted for POSIX shells. */
  private static String quote(String value) {
    return "'" + value.replace("'", "'\"'\"'") + "'";
  }
}
