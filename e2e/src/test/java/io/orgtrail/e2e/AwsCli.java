package io.orgtrail.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS CLI (from PyPI) as an independent client: {@code aws cloudtrail validate-logs} against the
 * aggregator's CloudTrail-compatible API and MinIO, isolated from the user's {@code ~/.aws}.
 */
final class AwsCli {
  private final Path executable;
  private final URI api;
  private final String s3Endpoint;
  private final String accessKey;
  private final String secretKey;
  private final String sessionToken;
  private final Path home;

  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  AwsCli(URI api, String s3Endpoint, String accessKey, String secretKey, Path home) {
    this(api, s3Endpoint, accessKey, secretKey, null, home);
  }

  private AwsCli(URI api, String s3Endpoint, String accessKey, String secretKey, String sessionToken, Path home) {
    this.executable = locate();
    this.api = api;
    this.s3Endpoint = s3Endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.sessionToken = sessionToken;
    this.home = home;
  }

  /** {@code aws s3 ...} with temporary credentials, as a member admin would use them. */
  static AwsCli withSessionCredentials(String s3Endpoint, String accessKey, String secretKey, String sessionToken,
      Path home) {
    return new AwsCli(null, s3Endpoint, accessKey, secretKey, sessionToken, home);
  }

  /** The same credentials, also for the aggregator's CloudTrail-compatible API at {@code api}. */
  AwsCli withApi(URI api) {
    return new AwsCli(api, s3Endpoint, accessKey, secretKey, sessionToken, home);
  }

  Result validateLogs(String trailArn, String account, String region, Instant start, Instant end) throws Exception {
    return run(List.of("cloudtrail", "validate-logs", "--trail-arn", trailArn, "--account-id", account,
        "--start-time", start.toString(), "--end-time", end.toString(), "--region", region, "--verbose"));
  }

  Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", accessKey);
    env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    if (sessionToken != null) {
      env.put("AWS_SESSION_TOKEN", sessionToken);
    }
    if (api != null) {
      env.put("AWS_ENDPOINT_URL_CLOUDTRAIL", api.toString());
      env.put("AWS_ENDPOINT_URL_ORGANIZATIONS", api.toString());
    }
    env.put("AWS_ENDPOINT_URL_S3", s3Endpoint);
    env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    env.put("AWS_MAX_ATTEMPTS", "2");
    Path out = Files.createTempFile(home, "aws", ".out");
    Path err = Files.createTempFile(home, "aws", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Path locate() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "aws");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("the AWS CLI ('aws') is not on PATH: install it with 'pip install awscli' "
        + "(bin/test does this); the integrity tests check our digests with it");
  }
}
