package io.orgtrail.e2e;

import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.aggregator.Aggregator;
import io.orgtrail.aggregator.AggregatorConfig;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.store.ObjectStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** An aggregator and its agents in this JVM, talking real gRPC over Netty on loopback. */
final class OrgCluster implements AutoCloseable {
  static final String ORG = "o-e2etest0001";

  private final Path dir;
  private final Aggregator aggregator;
  private final List<Agent> agents = new ArrayList<>();
  private final java.util.Map<Agent, Path> agentStateDirs = new java.util.HashMap<>();
  private final SecureRandom random = new SecureRandom();

  OrgCluster(Path dir, ObjectStore store, Duration roll) throws Exception {
    this(dir, store, roll, b -> b);
  }

  /** {@code settings} may change the aggregator's configuration (digest period, API, trail). */
  OrgCluster(Path dir, ObjectStore store, Duration roll, UnaryOperator<AggregatorConfig.Builder> settings)
      throws Exception {
    this(dir, store, roll, settings, b -> b);
  }

  /** {@code wiring} may add to the aggregator's builder (e.g. how read access gets S3 credentials). */
  OrgCluster(Path dir, ObjectStore store, Duration roll, UnaryOperator<AggregatorConfig.Builder> settings,
      UnaryOperator<Aggregator.Builder> wiring) throws Exception {
    this.dir = dir;
    this.aggregator = wiring.apply(Aggregator.builder())
        .config(settings.apply(AggregatorConfig.builder()
            .orgId(ORG)
            .port(0)
            .rollInterval(roll)
            .stateDir(dir.resolve("aggregator/state"))
            .registryDir(dir.resolve("aggregator/registry")))
            .build())
        .store(store)
        .clock(Clock.systemUTC())
        .random(random)
        .build();
    aggregator.start();
  }

  Aggregator aggregator() {
    return aggregator;
  }

  AgentCredentials enroll(String account) throws Exception {
    return aggregator.registry().enroll(account, random);
  }

  /** Enrolls an agent for {@code account} and starts it with the sources {@code sources} adds. */
  Agent startAgent(String account, Consumer<AgentConfig.Builder> sources) throws Exception {
    AgentCredentials credentials = enroll(account);
    Path agentDir = dir.resolve("agents").resolve(credentials.agentId());
    Path key = agentDir.resolve("key.json");
    credentials.write(key);
    AgentConfig.Builder b = AgentConfig.builder()
        .keyFile(key)
        .aggregator("127.0.0.1:" + aggregator.port())
        .stateDir(agentDir.resolve("state"))
        .maxBatchDelay(Duration.ofMillis(200))
        .pollInterval(Duration.ofMillis(100));
    sources.accept(b);
    Agent agent = Agent.builder().config(b.build()).clock(Clock.systemUTC()).random(random).build();
    agent.start();
    agents.add(agent);
    agentStateDirs.put(agent, agentDir.resolve("state"));
    return agent;
  }

  /** Where an agent started by {@link #startAgent} keeps its state (its witnesses are in {@code witness/}). */
  Path stateDirOf(Agent agent) {
    return agentStateDirs.get(agent);
  }

  /** True when every agent has no unacknowledged events left. */
  boolean allAcknowledged() {
    return agents.stream().map(Agent::stats).allMatch(s -> s.pendingEvents() == 0 && s.filesPending() == 0);
  }

  long acknowledgedEvents() {
    return agents.stream().map(Agent::stats).mapToLong(AgentStats::eventsAcknowledged).sum();
  }

  @Override
  public void close() throws Exception {
    for (Agent a : agents) {
      a.close();
    }
    aggregator.close();
  }
}
