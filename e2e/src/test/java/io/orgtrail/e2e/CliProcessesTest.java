package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.cli.inventory.DeliveredLogs;
import io.orgtrail.cli.inventory.Inventory;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.FreePorts;
import io.orgtrail.testkit.MinioExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users run it: separate processes, YAML configuration, a real MinIO. */
class CliProcessesTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();

  @TempDir Path dir;

  @Test
  void enrolledAgentProcessesDeliverThroughAnAggregatorProcessToMinio() throws Exception {
    Path logs = dir.resolve("logs");
    Path registry = dir.resolve("registry");
    for (String account : List.of("111111111111", "222222222222")) {
      OrgtrailProcess.Result enrolled = OrgtrailProcess.run(logs, "enroll-" + account, Duration.ofSeconds(60), Map.of(),
          "admin", "enroll", "--account", account, "--registry-dir", registry.toString(), "--out", dir.resolve(account + ".json").toString());
      assertThat(enrolled.exitCode()).as(enrolled.output()).isZero();
      assertThat(enrolled.output()).contains("enrolled agent agt-").contains(account);
    }

    // Read access: the organization's CA, the access service's certificate, and a member admin of 222222222222.
    Path ca = dir.resolve("ca");
    for (List<String> args : List.of(
        List.of("admin", "ca", "init", "--dir", ca.toString(), "--org-id", "o-clitest0001"),
        List.of("admin", "issue-cert", "--ca", ca.toString(), "--server", "--host", "127.0.0.1", "--out", dir.resolve("tls").toString()),
        List.of("admin", "issue-cert", "--ca", ca.toString(), "--account", "222222222222", "--role", "member-admin",
            "--name", "carol", "--out", dir.resolve("carol").toString()))) {
      OrgtrailProcess.Result r = OrgtrailProcess.run(logs, args.get(1), Duration.ofSeconds(60), Map.of(), args.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.output()).isZero();
    }

    int port = FreePorts.next();
    int accessPort = FreePorts.next();
    Path aggregatorYaml = dir.resolve("aggregator.yaml");
    Files.writeString(aggregatorYaml, String.join("\n",
        "listen: 127.0.0.1:" + port,
        "orgId: o-clitest0001",
        "prefix: audit",
        "rollInterval: 1s",
        "dataDir: " + dir.resolve("aggregator"),
        "registryDir: " + registry,
        "store:",
        "  type: minio",
        "  endpoint: " + minio.server().endpoint(),
        "  bucket: cli-trail",
        "access:",
        "  listen: 127.0.0.1:" + accessPort,
        "  tlsDir: " + dir.resolve("tls"),
        ""));
    Map<String, String> credentials = Map.of(
        "ORGTRAIL_MINIO_ACCESS_KEY", minio.server().accessKey(),
        "ORGTRAIL_MINIO_SECRET_KEY", minio.server().secretKey());
    Path inbox = dir.resolve("inbox");
    Files.createDirectories(inbox);
    Files.writeString(dir.resolve("agent1.yaml"), String.join("\n",
        "keyFile: " + dir.resolve("111111111111.json"),
        "aggregator: 127.0.0.1:" + port,
        "stateDir: " + dir.resolve("agent1-state"),
        "sources:",
        "  directory: " + inbox,
        "  pollInterval: 200ms",
        "batch:",
        "  maxDelay: 200ms",
        ""));
    Files.writeString(dir.resolve("agent2.yaml"), String.join("\n",
        "keyFile: " + dir.resolve("222222222222.json"),
        "aggregator: 127.0.0.1:" + port,
        "stateDir: " + dir.resolve("agent2-state"),
        "sources:",
        "  generator:",
        "    rate: 300",
        "    count: 600",
        "    regions: [us-east-1, sa-east-1]",
        ""));

    try (OrgtrailProcess aggregator = OrgtrailProcess.start(logs, "aggregator", credentials, "aggregator", "--config", aggregatorYaml.toString());
        OrgtrailProcess agent1 = OrgtrailProcess.start(logs, "agent1", Map.of(), "agent", "--config", dir.resolve("agent1.yaml").toString());
        OrgtrailProcess agent2 = OrgtrailProcess.start(logs, "agent2", Map.of(), "agent", "--config", dir.resolve("agent2.yaml").toString(),
            "--batch-max-delay", "300ms");
        ObjectStore store = MinioStore.builder().endpoint(minio.server().endpoint())
            .credentials(minio.server().accessKey(), minio.server().secretKey()).bucket("cli-trail").region("us-east-1").build()) {
      Await.until(Duration.ofSeconds(60), () -> FreePorts.acceptsConnections(port), () -> "the aggregator accepting on port " + port + ":\n" + safeOutput(aggregator));

      DatasetInputs inputs = new DatasetInputs();
      int dropped = inputs.dropInto(inbox, "111111111111", inputs.files("invictus-aws-dataset").subList(0, 5), true, ".json");
      int expected = dropped + 600;

      AtomicLong seen = new AtomicLong();
      Await.until(Duration.ofSeconds(90), () -> {
        try {
          seen.set(new DeliveredLogs().read(store, "audit/AWSLogs/").eventCount());
          return seen.get() >= expected;
        } catch (Exception e) {
          return false;
        }
      }, () -> expected + " events in MinIO; " + seen.get() + " so far.\nagent1:\n" + safeOutput(agent1)
          + "\nagent2:\n" + safeOutput(agent2) + "\naggregator:\n" + safeOutput(aggregator));

      // The member admin's credentials, from the aggregator process configured by YAML, used by the AWS CLI.
      Map<String, String> carol = Map.of("ORGTRAIL_ACCESS", "127.0.0.1:" + accessPort,
          "ORGTRAIL_IDENTITY", dir.resolve("carol").toString());
      OrgtrailProcess.Result env = OrgtrailProcess.run(logs, "logs-env", Duration.ofSeconds(60), carol, "logs", "env");
      assertThat(env.exitCode()).as(env.output()).isZero();
      Map<String, String> vars = ReadAccessEndToEndTest.exports(env.output());
      AwsCli aws = AwsCli.withSessionCredentials(vars.get("AWS_ENDPOINT_URL_S3"), vars.get("AWS_ACCESS_KEY_ID"),
          vars.get("AWS_SECRET_ACCESS_KEY"), vars.get("AWS_SESSION_TOKEN"), Files.createDirectories(dir.resolve("aws")));
      AwsCli.Result own = aws.run(List.of("s3", "ls", "s3://cli-trail/audit/AWSLogs/o-clitest0001/222222222222/", "--recursive"));
      assertThat(own.exitCode()).as(own.all()).isZero();
      assertThat(own.stdout()).contains("222222222222_CloudTrail_");
      AwsCli.Result other = aws.run(List.of("s3", "ls", "s3://cli-trail/audit/AWSLogs/o-clitest0001/111111111111/"));
      assertThat(other.exitCode()).as(other.all()).isNotZero();
      assertThat(other.stderr()).contains("AccessDenied");

      assertThat(agent1.terminate(Duration.ofSeconds(30))).isNotEqualTo(-1);
      assertThat(agent2.terminate(Duration.ofSeconds(30))).isNotEqualTo(-1);
      aggregator.terminate(Duration.ofSeconds(30));

      Inventory delivered = new DeliveredLogs().read(store, "audit/AWSLogs/");
      assertThat(delivered.problems()).isEmpty();
      assertThat(delivered.misplacedRecords()).isEmpty();
      assertThat(delivered.eventCount()).isEqualTo(expected);
      assertThat(delivered.deliveriesByEventId().keySet()).containsAll(inputs.sentEventIds);
      assertThat(delivered.deliveriesByEventId().values()).allMatch(n -> n == 1);
      assertThat(delivered.filesAndEventsByAccountAndRegion().get("222222222222")).containsOnlyKeys("us-east-1", "sa-east-1");
    }
  }

  @Test
  void quickstartRunsTheWholeSystemAndReportsWhatLandedWhere() throws Exception {
    long started = System.nanoTime();
    OrgtrailProcess.Result result = OrgtrailProcess.run(dir.resolve("logs"), "quickstart", Duration.ofMinutes(3), Map.of(),
        "quickstart", "--dir", dir.resolve("qs").toString());
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("quickstart took %.1f s%n", seconds);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("OK: every accepted event was delivered exactly once");
    for (String account : List.of("111111111111", "222222222222", "333333333333")) {
      assertThat(result.output()).containsPattern("(?m)^" + account + " +[a-z0-9-]+ +\\d+ +\\d+$");
    }
    // The table's total must match what is really in the bucket.
    Matcher total = Pattern.compile("(?m)^total +(\\d+) +(\\d+)$").matcher(result.output());
    assertThat(total.find()).as(result.output()).isTrue();
    try (ObjectStore store = new io.orgtrail.store.LocalDirectoryStore(dir.resolve("qs").resolve("bucket"))) {
      Inventory inventory = new DeliveredLogs().read(store, "AWSLogs/");
      assertThat(Integer.parseInt(total.group(1))).isEqualTo(inventory.files().size());
      // Every recorded and generated event, but the data events the trail's default selectors leave out (OTRF's S3).
      Matcher leftOut = Pattern.compile("([\\d,]+) left out by the trail's event selectors").matcher(result.output());
      assertThat(leftOut.find()).as(result.output()).isTrue();
      int filtered = Integer.parseInt(leftOut.group(1).replace(",", ""));
      assertThat(filtered).as("OTRF's data events").isPositive().isLessThan(103);
      assertThat(Integer.parseInt(total.group(2))).isEqualTo(inventory.eventCount())
          .isEqualTo(2900 + 310 + 103 + 1000 - filtered);
      // It ends with the integrity check: every log file covered by a valid signed digest.
      int files = inventory.files().size();
      assertThat(result.output()).contains(files + "/" + files + " log files valid").containsPattern("(\\d+)/\\1 digest files valid")
          .doesNotContain("INVALID");
    }
    Path keys = dir.resolve("qs/public-keys");
    assertThat(keys.resolve("public-keys.json")).exists();
    try (var pem = Files.list(keys)) {
      assertThat(pem.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("[0-9a-f]{32}\\.pem"));
    }

    // The event history it kept: the lookup it printed finds events on its own.
    Matcher lookup = Pattern.compile("orgtrail (lookup-events .*)").matcher(result.output());
    assertThat(lookup.find()).as(result.output()).isTrue();
    OrgtrailProcess.Result found = OrgtrailProcess.run(dir.resolve("logs"), "lookup", Duration.ofMinutes(1), Map.of(),
        lookup.group(1).trim().split(" +"));
    assertThat(found.exitCode()).as(found.output()).isZero();
    assertThat(found.output()).contains("\"EventId\"", "\"CloudTrailEvent\"");

    // The command it printed validates on its own, and a changed log file makes it fail, saying which.
    Matcher command = Pattern.compile("orgtrail (validate-logs .*)").matcher(result.output());
    assertThat(command.find()).isTrue();
    String[] validateArgs = command.group(1).trim().split(" +");
    OrgtrailProcess.Result clean = OrgtrailProcess.run(dir.resolve("logs"), "validate", Duration.ofMinutes(1), Map.of(), validateArgs);
    assertThat(clean.exitCode()).as(clean.output()).isZero();
    Path logFile;
    try (var walk = Files.walk(dir.resolve("qs/bucket/AWSLogs"))) {
      logFile = walk.filter(p -> p.toString().contains("/CloudTrail/") && p.toString().endsWith(".json.gz")).findFirst().orElseThrow();
    }
    Files.write(logFile, gzip("{\"Records\":[]}"));
    OrgtrailProcess.Result tampered = OrgtrailProcess.run(dir.resolve("logs"), "validate-tampered", Duration.ofMinutes(1), Map.of(), validateArgs);
    assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
    assertThat(tampered.output()).contains(logFile.getFileName().toString()).contains("INVALID: hash value doesn't match")
        .doesNotContain("\tat ");
  }

  private static byte[] gzip(String text) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void badConfigurationExitsWithCodeTwoAndSaysWhatIsWrong() throws Exception {
    OrgtrailProcess.Result r = OrgtrailProcess.run(dir, "bad-duration", Duration.ofSeconds(60), Map.of(),
        "aggregator", "--org-id", "o-a1b2c3d4e5", "--roll-interval", "soon", "--data-dir", dir.resolve("d").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("'soon' is not a duration").doesNotContain("Exception");

    Path yaml = dir.resolve("typo.yaml");
    Files.writeString(yaml, "orgId: o-a1b2c3d4e5\nrollIntervall: 1s\n");
    r = OrgtrailProcess.run(dir, "typo", Duration.ofSeconds(60), Map.of(), "aggregator", "--config", yaml.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("unknown setting 'rollIntervall'").contains("line 2");

    r = OrgtrailProcess.run(dir, "bad-account", Duration.ofSeconds(60), Map.of(),
        "admin", "enroll", "--account", "12345", "--registry-dir", dir.resolve("r").toString(), "--out", dir.resolve("k.json").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("'12345'").contains("12 digits");

    r = OrgtrailProcess.run(dir, "no-key", Duration.ofSeconds(60), Map.of(),
        "agent", "--key-file", dir.resolve("missing.json").toString(), "--state-dir", dir.resolve("s").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("missing.json").contains("orgtrail admin enroll").doesNotContain("\tat ");
  }


  private static String safeOutput(OrgtrailProcess p) {
    try {
      return p.output();
    } catch (Exception e) {
      return "(no output: " + e + ")";
    }
  }
}
