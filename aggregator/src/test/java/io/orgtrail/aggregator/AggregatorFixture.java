package io.orgtrail.aggregator;

import io.orgtrail.format.batch.AgentCredentials;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** An aggregator on loopback with an in-memory store, its test agents, and a way to restart it on the same state. */
final class AggregatorFixture implements AutoCloseable {
  static final String ORG = "o-aggtest0001";

  final Timeline timeline = new Timeline();
  final InMemoryStore store = new InMemoryStore(timeline);
  private final AggregatorConfig config;
  private final SecureRandom random = new SecureRandom();
  private final List<TestAgent> agents = new ArrayList<>();
  private Aggregator aggregator;

  AggregatorFixture(Path dir, UnaryOperator<AggregatorConfig.Builder> settings) throws Exception {
    this.config = settings.apply(AggregatorConfig.builder()
            .orgId(ORG)
            .port(0)
            .rollInterval(Duration.ofSeconds(1))
            .stateDir(dir.resolve("state"))
            .registryDir(dir.resolve("registry")))
        .build();
    start();
  }

  AggregatorFixture(Path dir) throws Exception {
    this(dir, b -> b);
  }

  private void start() throws Exception {
    aggregator = Aggregator.builder().config(config).store(store).clock(Clock.systemUTC()).random(random).build();
    aggregator.start();
  }

  Aggregator aggregator() {
    return aggregator;
  }

  AggregatorStats stats() {
    return aggregator.stats();
  }

  TestAgent enroll(String account) throws Exception {
    return connect(aggregator.registry().enroll(account, random));
  }

  TestAgent connect(AgentCredentials credentials) {
    TestAgent agent = new TestAgent(credentials, aggregator.port(), timeline);
    agents.add(agent);
    return agent;
  }

  /** Stops the aggregator gracefully and starts a new one with the same configuration, state and store. */
  void restart() throws Exception {
    aggregator.close();
    start();
  }

  List<DeliveredFiles.LogFile> delivered() {
    return DeliveredFiles.read(store, ORG);
  }

  @Override
  public void close() throws Exception {
    for (TestAgent a : agents) {
      a.close();
    }
    aggregator.close();
  }
}
