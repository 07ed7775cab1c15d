package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS CLI ({@code aws}, from PyPI) run as a subprocess with dummy credentials, isolated from the user's
 * {@code ~/.aws} and from any AWS_* variable of the calling environment.
 */
final class AwsCli {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;
  private final Path workDir;
  private final Map<String, String> env;

  private AwsCli(Path executable, Path workDir, Map<String, String> env) {
    this.executable = executable;
    this.workDir = workDir;
    this.env = Map.copyOf(env);
  }

  /**
   * @param workDir a directory for the CLI's (absent) config files and captured output
   * @param env added to (and overriding) the defaults, e.g. {@code AWS_ENDPOINT_URL_CLOUDTRAIL -> http://127.0.0.1:1234}
   */
  static AwsCli withEnv(Path workDir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("AWS_ACCESS_KEY_ID", "AKIAORGTRAILTEST0001");
    all.put("AWS_SECRET_ACCESS_KEY", "orgtrail-test-secret-not-a-real-key");
    all.put("AWS_DEFAULT_REGION", "us-east-1");
    all.put("AWS_CONFIG_FILE", workDir.resolve("no-aws-config").toString());
    all.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-aws-credentials").toString());
    all.put("AWS_EC2_METADATA_DISABLED", "true");
    // One attempt: a test expecting an error should not wait for botocore's back-off.
    all.put("AWS_MAX_ATTEMPTS", "1");
    all.put("AWS_RETRY_MODE", "standard");
    all.put("AWS_PAGER", "");
    all.putAll(env);
    return new AwsCli(locate(), workDir, all);
  }

  /** {@code aws} on PATH; the tests fail (never skip) without it, saying how to install it. */
  static Path locate() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "aws");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("the AWS CLI ('aws') is not on PATH (" + path + "). These tests drive the real AWS CLI "
        + "against the server: install it with 'pip install awscli' (or 'pip install --user awscli' and add "
        + "~/.local/bin to PATH), then run the tests again.");
  }

  /** Runs {@code aws <args>}. */
  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().putAll(env);
    try {
      Path out = Files.createTempFile(workDir, "aws-stdout-", ".txt");
      Path err = Files.createTempFile(workDir, "aws-stderr-", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("'" + String.join(" ", command) + "' did not finish within " + TIMEOUT_SECONDS
            + " s; stderr so far: " + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(String.join(" ", command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  /** What one CLI run printed. */
  record Result(String command, int exitCode, String stdout, String stderr) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON the command printed, after checking that it succeeded. */
    JsonNode json() {
      if (exitCode != 0) {
        throw new AssertionError("'" + command + "' exited with " + exitCode + "\nstdout: " + stdout + "\nstderr: "
            + stderr);
      }
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("'" + command + "' printed no JSON: " + stdout + "\nstderr: " + stderr, e);
      }
    }

    @Override
    public String toString() {
      return command + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }
}
