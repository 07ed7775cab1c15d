package io.orgtrail.chaos;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.e2e.PutAuditEventsFeeder;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.store.MinioStore;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * The system as containers on one Docker network, as a platform team would run it: MinIO, the aggregator, and one
 * agent container per member account, each fed by local sources (a watched directory, and for some a
 * PutAuditEvents client). Every piece can be killed, paused, cut off or restarted with the engine's own operations.
 * Host directories hold every container's state, so a container started again (or a new one) finds it there.
 */
final class ChaosCluster implements AutoCloseable {
  static final String ORG = "o-chaos00001";
  static final TrailName TRAIL = new TrailName("chaos", "us-east-1", "999900009999");
  static final TrailLayout LAYOUT = new TrailLayout("", ORG);
  static final String BUCKET = "chaos";
  static final String LABEL = "io.orgtrail.chaos";
  private static final String MINIO_USER = "chaos-root";
  private static final String MINIO_SECRET = "chaos-root-secret";
  private static final Pattern AGGREGATOR_STARTED = Pattern.compile("aggregator listening on");
  private static final Pattern AGENT_STARTED = Pattern.compile("agent agt-[0-9a-f]+ for account \\d{12} started");

  /** One member account's agent: where it runs from, what feeds it. */
  record AgentSpec(String name, String account, List<String> regions, boolean putAuditEvents) {}

  private final Path dir;
  private final OrgtrailImages images;
  private final Clock clock;
  private final Network network = Network.newNetwork();
  private final DockerClient docker = DockerClientFactory.instance().client();
  private final int minioPort = FreePorts.next();
  private final Path aggregatorConfig;
  private final Path aggregatorData;
  private final Path logs;
  private final Map<String, AgentNode> agents = new LinkedHashMap<>();
  private GenericContainer<?> minio;
  private GenericContainer<?> aggregator;
  private int aggregatorStarts;

  /** An agent container and the sources that feed it; the container can be replaced, the rest stays. */
  final class AgentNode {
    final AgentSpec spec;
    final Path config;
    final Path state;
    final Path inbox;
    final int httpPort;
    InboxWriter writer;
    PutAuditEventsFeeder feeder;
    GenericContainer<?> container;
    int generation;

    AgentNode(AgentSpec spec) throws IOException {
      this.spec = spec;
      Path base = dir.resolve("agents").resolve(spec.name());
      this.config = HostDirs.create(base.resolve("config"));
      this.state = HostDirs.create(base.resolve("state"));
      this.inbox = HostDirs.create(base.resolve("inbox"));
      this.httpPort = spec.putAuditEvents() ? FreePorts.next() : 0;
    }

    String name() {
      return spec.name();
    }

    GenericContainer<?> newContainer() {
      GenericContainer<?> c = new GenericContainer<>(images.agent())
          .withNetwork(network)
          .withNetworkAliases(spec.name())
          .withEnv("JDK_JAVA_OPTIONS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
          .withFileSystemBind(config.toString(), "/etc/orgtrail", BindMode.READ_ONLY)
          .withFileSystemBind(state.toString(), "/var/lib/orgtrail", BindMode.READ_WRITE)
          .withFileSystemBind(inbox.toString(), "/inbox", BindMode.READ_ONLY)
          .withCreateContainerCmdModifier(initAndLabel(spec.name() + "-" + (generation + 1)))
          .waitingFor(Wait.forLogMessage(".*" + AGENT_STARTED.pattern() + ".*", 1)
              .withStartupTimeout(Duration.ofMinutes(2)));
      if (spec.putAuditEvents()) {
        c.setPortBindings(List.of("127.0.0.1:" + httpPort + ":7801"));
      }
      return c;
    }

    /** A new container on the same configuration, spool and inbox. */
    void startNewContainer() {
      container = newContainer();
      container.start();
      generation++;
    }

    long accepted() {
      return writer.writtenCount() + (feeder == null ? 0 : feeder.acceptedCount());
    }

    String stats() {
      return writer.stats() + (feeder == null ? "" : "; PutAuditEvents " + feeder.stats());
    }
  }

  ChaosCluster(Path dir, OrgtrailImages images, List<AgentSpec> specs, Clock clock) throws IOException {
    this.dir = dir;
    this.images = images;
    this.clock = clock;
    this.logs = Path.of("target", "chaos-logs").toAbsolutePath();
    Files.createDirectories(logs);
    this.aggregatorConfig = HostDirs.create(dir.resolve("aggregator/config"));
    this.aggregatorData = HostDirs.create(dir.resolve("aggregator/data"));
    Files.writeString(aggregatorConfig.resolve("aggregator.yaml"), String.join("\n",
        "listen: 0.0.0.0:7700",
        "orgId: " + ORG,
        "rollInterval: 2s",
        "digestPeriod: 10s",
        "trail: {name: " + TRAIL.name() + ", homeRegion: " + TRAIL.homeRegion() + ", managementAccountId: \""
            + TRAIL.managementAccountId() + "\"}",
        "dataDir: /var/lib/orgtrail",
        "registryDir: /var/lib/orgtrail/registry",
        // The inbox writer's records are DynamoDB data events: the trail must select them (CloudTrail's default
        // selectors, management events only, would leave them out).
        "eventSelectors: {EventSelectors: [{ReadWriteType: All, IncludeManagementEvents: true, DataResources: "
            + "[{Type: \"AWS::DynamoDB::Table\", Values: [\"arn:aws:dynamodb\"]}]}]}",
        "store:",
        "  type: minio",
        "  endpoint: http://minio:9000",
        "  bucket: " + BUCKET,
        ""));
    AgentRegistry registry = new AgentRegistry(aggregatorData.resolve("registry"), clock);
    SecureRandom random = new SecureRandom();
    for (AgentSpec spec : specs) {
      AgentNode node = new AgentNode(spec);
      AgentCredentials credentials = registry.enroll(spec.account(), random);
      credentials.write(node.config.resolve("key.json"));
      Files.writeString(node.config.resolve("agent.yaml"), String.join("\n",
          "keyFile: /etc/orgtrail/key.json",
          "aggregator: aggregator:7700",
          "stateDir: /var/lib/orgtrail",
          "sources:",
          "  directory: /inbox",
          "  pollInterval: 250ms",
          spec.putAuditEvents() ? "  http: 0.0.0.0:7801" : "",
          "batch: {maxDelay: 200ms}",
          ""));
      HostDirs.ownedBy(HostDirs.ORGTRAIL_UID, node.config);
      HostDirs.ownedBy(HostDirs.ORGTRAIL_UID, node.state);
      agents.put(spec.name(), node);
    }
    HostDirs.ownedBy(HostDirs.ORGTRAIL_UID, aggregatorConfig);
    HostDirs.ownedBy(HostDirs.ORGTRAIL_UID, aggregatorData);
  }

  /** Removes what an earlier run that could not clean up (killed JVM, no reaper here) left behind. */
  static void removeLeftovers() {
    DockerClient docker = DockerClientFactory.instance().client();
    docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, "true")).exec()
        .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
  }

  /** MinIO, then the aggregator, then every agent (in parallel), then their sources. */
  void start(int eventsPerFile, Duration fileInterval, int eventsPerCall, Duration callInterval) throws IOException {
    Path minioData = HostDirs.ownedBy(HostDirs.MINIO_UID, HostDirs.create(dir.resolve("minio")));
    minio = new GenericContainer<>(images.minio())
        .withNetwork(network)
        .withNetworkAliases("minio")
        .withEnv("MINIO_ROOT_USER", MINIO_USER)
        .withEnv("MINIO_ROOT_PASSWORD", MINIO_SECRET)
        .withFileSystemBind(minioData.toString(), "/data", BindMode.READ_WRITE)
        .withCreateContainerCmdModifier(initAndLabel("minio"))
        .waitingFor(Wait.forLogMessage(".*API: .*", 1).withStartupTimeout(Duration.ofMinutes(1)));
    minio.setPortBindings(List.of("127.0.0.1:" + minioPort + ":9000"));
    minio.start();
    awaitMinioHealthy();

    aggregator = new GenericContainer<>(images.aggregator())
        .withNetwork(network)
        .withNetworkAliases("aggregator")
        .withEnv("JDK_JAVA_OPTIONS", "-Xmx384m -XX:+UseSerialGC")
        .withEnv("ORGTRAIL_MINIO_ACCESS_KEY", MINIO_USER)
        .withEnv("ORGTRAIL_MINIO_SECRET_KEY", MINIO_SECRET)
        .withFileSystemBind(aggregatorConfig.toString(), "/etc/orgtrail", BindMode.READ_ONLY)
        .withFileSystemBind(aggregatorData.toString(), "/var/lib/orgtrail", BindMode.READ_WRITE)
        .withCreateContainerCmdModifier(initAndLabel("aggregator"))
        .waitingFor(Wait.forLogMessage(".*" + AGGREGATOR_STARTED.pattern() + ".*", 1)
            .withStartupTimeout(Duration.ofMinutes(2)));
    aggregator.start();
    aggregatorStarts = 1;

    List<GenericContainer<?>> containers = new ArrayList<>();
    for (AgentNode node : agents.values()) {
      node.container = node.newContainer();
      node.generation = 1;
      containers.add(node.container);
    }
    Startables.deepStart(containers).join();
    for (AgentNode node : agents.values()) {
      node.writer = new InboxWriter(node.spec.account(), node.spec.regions(), node.inbox, eventsPerFile,
          fileInterval, clock);
      if (node.spec.putAuditEvents()) {
        node.feeder = new PutAuditEventsFeeder(node.spec.account(), node.httpPort, eventsPerCall, callInterval,
            node.spec.regions());
      }
    }
  }

  List<AgentNode> agents() {
    return List.copyOf(agents.values());
  }

  AgentNode agent(String name) {
    return agents.get(name);
  }

  long accepted() {
    return agents.values().stream().mapToLong(AgentNode::accepted).sum();
  }

  /** Every event its source was told was accepted (files written count: they are the source's durable copy). */
  Set<String> acceptedEvents() {
    Set<String> all = new HashSet<>();
    for (AgentNode node : agents.values()) {
      all.addAll(node.writer.written());
      if (node.feeder != null) {
        all.addAll(node.feeder.accepted());
      }
    }
    return all;
  }

  /** Sources that stopped on their own (the host's disk), which would make the figures meaningless. */
  List<String> sourceFailures() {
    return agents.values().stream().map(a -> a.writer.failure()).filter(Objects::nonNull).toList();
  }

  String sourceStats() {
    List<String> lines = new ArrayList<>();
    agents.values().forEach(a -> lines.add(a.stats()));
    return String.join("; ", lines);
  }

  /** Stops every source and waits for the calls under way, so {@link #acceptedEvents()} is final. */
  void quiesceSources() {
    for (AgentNode node : agents.values()) {
      node.writer.pause();
      if (node.feeder != null) {
        node.feeder.quiesce(Duration.ofSeconds(30));
      }
    }
  }

  void resumeSources() {
    for (AgentNode node : agents.values()) {
      node.writer.resume();
      if (node.feeder != null) {
        node.feeder.resume();
      }
    }
  }

  // ---- faults, with the engine's own operations ----

  /** {@code docker kill} (SIGKILL to the whole container), then {@code docker start} on the same container. */
  void killAndRestartAggregator() {
    docker.killContainerCmd(aggregator.getContainerId()).withSignal("SIGKILL").exec();
    awaitNotRunning(aggregator, "the aggregator container to die");
    docker.startContainerCmd(aggregator.getContainerId()).exec();
    aggregatorStarts++;
    awaitLogLine(aggregator, AGGREGATOR_STARTED, aggregatorStarts, "the aggregator started again");
  }

  void pauseMinio() {
    docker.pauseContainerCmd(minio.getContainerId()).exec();
  }

  void unpauseMinio() {
    docker.unpauseContainerCmd(minio.getContainerId()).exec();
  }

  /** {@code docker restart}: SIGTERM, then the same container started again on its data. */
  void restartMinio() {
    docker.restartContainerCmd(minio.getContainerId()).withTimeout(10).exec();
    awaitMinioHealthy();
  }

  /** {@code docker network disconnect}: the agent keeps running, but reaches nothing and nothing reaches it. */
  void disconnect(AgentNode node) {
    docker.disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(node.container.getContainerId())
        .withForce(true).exec();
  }

  void reconnect(AgentNode node) {
    docker.connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(node.container.getContainerId())
        .withContainerNetwork(new ContainerNetwork().withAliases(node.name())).exec();
  }

  /** {@code docker kill} the agent's container, remove it, and start a new container on the same spool. */
  void killAndReplace(AgentNode node) throws IOException {
    docker.killContainerCmd(node.container.getContainerId()).withSignal("SIGKILL").exec();
    awaitNotRunning(node.container, node.name() + "'s container to die");
    saveLogs(node.container, node.name() + "-" + node.generation);
    node.container.stop();
    node.startNewContainer();
  }

  // ---- the store, as the checker sees it ----

  MinioStore store() {
    return MinioStore.builder().endpoint("http://127.0.0.1:" + minioPort).credentials(MINIO_USER, MINIO_SECRET)
        .bucket(BUCKET).region("us-east-1").build();
  }

  /** The aggregator's configuration and state directories (for a validate-logs container). */
  Path aggregatorConfig() {
    return aggregatorConfig;
  }

  Path aggregatorData() {
    return aggregatorData;
  }

  Network network() {
    return network;
  }

  Map<String, String> storeCredentialsEnv() {
    return Map.of("ORGTRAIL_MINIO_ACCESS_KEY", MINIO_USER, "ORGTRAIL_MINIO_SECRET_KEY", MINIO_SECRET);
  }

  OrgtrailImages images() {
    return images;
  }

  private void awaitMinioHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI ready = URI.create("http://127.0.0.1:" + minioPort + "/minio/health/ready");
    Await.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
      try {
        return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, () -> "MinIO answering 200 on " + ready);
  }

  private void awaitNotRunning(GenericContainer<?> c, String what) {
    Await.until(Duration.ofSeconds(30), Duration.ofMillis(50),
        () -> !Boolean.TRUE.equals(docker.inspectContainerCmd(c.getContainerId()).exec().getState().getRunning()),
        () -> what);
  }

  /** The container's log (over all its starts) shows {@code pattern} at least {@code times} times. */
  private static void awaitLogLine(GenericContainer<?> c, Pattern pattern, int times, String what) {
    Await.until(Duration.ofMinutes(2), Duration.ofMillis(200),
        () -> pattern.matcher(c.getLogs()).results().count() >= times, () -> what + " (\"" + pattern + "\" x" + times
            + " in its log)");
  }

  private static Consumer<CreateContainerCmd> initAndLabel(String name) {
    return cmd -> {
      cmd.getHostConfig().withInit(true);
      cmd.withName("orgtrail-chaos-" + name);
      cmd.withLabels(new HashMap<>(Map.of(LABEL, "true", LABEL + ".name", name)));
    };
  }

  private void saveLogs(GenericContainer<?> c, String name) throws IOException {
    if (c != null && c.getContainerId() != null) {
      Files.writeString(logs.resolve(name + ".log"), c.getLogs());
    }
  }

  @Override
  public void close() throws Exception {
    for (AgentNode node : agents.values()) {
      if (node.writer != null) {
        node.writer.close();
      }
      if (node.feeder != null) {
        node.feeder.close();
      }
    }
    List<Exception> failures = new ArrayList<>();
    List<Runnable> stops = new ArrayList<>();
    for (AgentNode node : agents.values()) {
      stops.add(stopper(node.container, node.name() + "-" + node.generation, failures));
    }
    stops.add(stopper(aggregator, "aggregator", failures));
    stops.add(stopper(minio, "minio", failures));
    stops.forEach(Runnable::run);
    network.close();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private Runnable stopper(GenericContainer<?> c, String name, List<Exception> failures) {
    return () -> {
      if (c == null) {
        return;
      }
      try {
        saveLogs(c, name);
        c.stop();
      } catch (Exception e) {
        failures.add(e);
      }
    };
  }
}
