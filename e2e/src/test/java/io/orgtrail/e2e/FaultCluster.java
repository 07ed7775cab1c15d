package io.orgtrail.e2e;

import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.SigningKeyRing;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.store.MinioStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.FreePorts;
import io.orgtrail.testkit.MinioServer;
import io.orgtrail.testkit.TcpProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system as separate processes on loopback, for fault injection: MinIO, an aggregator process, and one agent
 * process per account, each agent behind a {@link TcpProxy} to the aggregator and fed by a
 * {@link PutAuditEventsFeeder}. Every process can be killed with SIGKILL and started again on the same state.
 */
final class FaultCluster implements AutoCloseable {
  static final String ORG = "o-faults00001";
  static final TrailName TRAIL = new TrailName("faults", "us-east-1", "999900009999");

  private final Path dir;
  private final MinioServer minio;
  private final String bucket;
  private final int aggregatorPort = FreePorts.next();
  private final Path aggregatorYaml;
  private final Map<String, AgentProcess> agents = new LinkedHashMap<>();
  private final Instant startedAt = Instant.now();
  private OrgtrailProcess aggregator;
  private int aggregatorStarts;

  /** One member account's agent: its configuration, its proxy to the aggregator, its feeder. */
  final class AgentProcess {
    final String account;
    final Path yaml;
    final Path stateDir;
    final int httpPort = FreePorts.next();
    final TcpProxy proxy;
    PutAuditEventsFeeder feeder;
    OrgtrailProcess process;
    int starts;

    AgentProcess(String account, Path stateDir) throws IOException {
      this.account = account;
      this.stateDir = stateDir;
      this.proxy = TcpProxy.to(aggregatorPort);
      this.yaml = dir.resolve("agent-" + account + ".yaml");
    }

    void start() throws IOException {
      process = OrgtrailProcess.start(dir.resolve("logs"), "agent-" + account + "-" + (++starts), Map.of(),
          "agent", "--config", yaml.toString());
      awaitPort(httpPort, () -> "agent " + account + " taking PutAuditEvents on " + httpPort);
    }

    void kill() {
      process.close();
    }

    PutAuditEventsFeeder feeder() {
      return feeder;
    }
  }

  FaultCluster(Path dir, MinioServer minio, String bucket, List<String> accounts, Map<String, Path> stateDirs)
      throws Exception {
    this.dir = dir;
    this.minio = minio;
    this.bucket = bucket;
    Files.createDirectories(dir);
    Path registry = dir.resolve("registry");
    this.aggregatorYaml = dir.resolve("aggregator.yaml");
    Files.writeString(aggregatorYaml, String.join("\n",
        "listen: 127.0.0.1:" + aggregatorPort,
        "orgId: " + ORG,
        "rollInterval: 1s",
        "digestPeriod: 2s",
        "trail: {name: " + TRAIL.name() + ", homeRegion: " + TRAIL.homeRegion() + ", managementAccountId: \""
            + TRAIL.managementAccountId() + "\"}",
        "dataDir: " + dir.resolve("aggregator"),
        "registryDir: " + registry,
        "store:",
        "  type: minio",
        "  endpoint: " + minio.endpoint(),
        "  bucket: " + bucket,
        ""));
    AgentRegistry enrolment = new AgentRegistry(registry, Clock.systemUTC());
    SecureRandom random = new SecureRandom();
    for (String account : accounts) {
      AgentCredentials credentials = enrolment.enroll(account, random);
      Path key = dir.resolve("keys").resolve(account + ".json");
      credentials.write(key);
      AgentProcess agent = new AgentProcess(account,
          stateDirs.getOrDefault(account, dir.resolve("agent-state").resolve(account)));
      Files.writeString(agent.yaml, String.join("\n",
          "keyFile: " + key,
          "aggregator: 127.0.0.1:" + agent.proxy.port(),
          "stateDir: " + agent.stateDir,
          "sources:",
          "  http: 127.0.0.1:" + agent.httpPort,
          "batch: {maxDelay: 200ms}",
          ""));
      agents.put(account, agent);
    }
  }

  void startAll(int eventsPerCall) throws Exception {
    startAggregator();
    for (AgentProcess agent : agents.values()) {
      agent.start();
      agent.feeder = new PutAuditEventsFeeder(agent.account, agent.httpPort, eventsPerCall);
    }
  }

  void startAggregator() throws IOException {
    aggregator = OrgtrailProcess.start(dir.resolve("logs"), "aggregator-" + (++aggregatorStarts),
        Map.of("ORGTRAIL_MINIO_ACCESS_KEY", minio.accessKey(), "ORGTRAIL_MINIO_SECRET_KEY", minio.secretKey()),
        "aggregator", "--config", aggregatorYaml.toString());
    awaitPort(aggregatorPort, () -> "the aggregator listening on " + aggregatorPort);
  }

  /** SIGKILL: nothing is flushed, no shutdown hook runs. */
  void killAggregator() {
    aggregator.close();
  }

  /** SIGTERM: the graceful stop (open files written, final digests). */
  void stopAggregator() throws InterruptedException {
    aggregator.terminate(Duration.ofSeconds(60));
  }

  AgentProcess agent(String account) {
    return agents.get(account);
  }

  List<AgentProcess> agents() {
    return List.copyOf(agents.values());
  }

  long acceptedEvents() {
    return agents.values().stream().mapToLong(a -> a.feeder.acceptedCount()).sum();
  }

  Set<String> accepted() {
    Set<String> all = new HashSet<>();
    agents.values().forEach(a -> all.addAll(a.feeder.accepted()));
    return all;
  }

  String feederStats() {
    List<String> lines = new ArrayList<>();
    agents.values().forEach(a -> lines.add(a.feeder.stats()));
    return String.join("; ", lines);
  }

  /** Stops every feeder, then waits until the store holds every accepted event (or the timeout passes). */
  DeliveryChecker.Verdict settleAndCheck(Duration timeout) throws Exception {
    for (AgentProcess a : agents.values()) {
      a.feeder.close();
    }
    Set<String> accepted = accepted();
    try (MinioStore store = store()) {
      DeliveryChecker checker = new DeliveryChecker(store, new TrailLayout("", ORG), TRAIL);
      DeliveryChecker.Verdict[] last = new DeliveryChecker.Verdict[1];
      try {
        Await.until(timeout, Duration.ofSeconds(1), () -> {
          try {
            last[0] = checker.check(accepted, publicKeys(), startedAt, Instant.now());
            return last[0].lost() == 0 && Boolean.TRUE.equals(last[0].chainsValid());
          } catch (Exception e) {
            return false;
          }
        }, () -> "every accepted event delivered: " + (last[0] == null ? "no check yet" : last[0].line("so far")));
      } catch (AssertionError timedOut) {
        // The verdict says what is missing; the test's assertions report it.
      }
      return last[0] != null ? last[0] : checker.check(accepted, publicKeys(), startedAt, Instant.now());
    }
  }

  List<PublicKeyInfo> publicKeys() throws IOException {
    return SigningKeyRing.load(dir.resolve("aggregator/state/digest-keys.json")).publicKeys();
  }

  MinioStore store() {
    return MinioStore.builder().endpoint(minio.endpoint()).credentials(minio.accessKey(), minio.secretKey())
        .bucket(bucket).region("us-east-1").build();
  }

  String aggregatorOutput() throws IOException {
    return aggregator.output();
  }

  private static void awaitPort(int port, java.util.function.Supplier<String> what) {
    Await.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> FreePorts.acceptsConnections(port), what);
  }


  @Override
  public void close() throws Exception {
    for (AgentProcess a : agents.values()) {
      if (a.feeder != null) {
        a.feeder.close();
      }
      if (a.process != null) {
        a.process.close();
      }
      a.proxy.close();
    }
    if (aggregator != null) {
      aggregator.close();
    }
  }
}
