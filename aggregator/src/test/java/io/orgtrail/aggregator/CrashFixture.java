package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.integrity.LogValidator;
import io.orgtrail.integrity.ValidationReport;
import io.orgtrail.integrity.ValidationRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Aggregators that crash (see {@link CrashingStore}) and restart from what the crash left on disk, one generation
 * after another, all writing to the same in-memory bucket; agents connect to the current one.
 */
final class CrashFixture implements AutoCloseable {
  static final String ORG = AggregatorFixture.ORG;

  final Timeline timeline = new Timeline();
  final InMemoryStore objects = new InMemoryStore(timeline);
  private final Path dir;
  private AggregatorConfig base;
  private final SecureRandom random = new SecureRandom();
  private final Instant startedAt = Instant.now();
  private final List<TestAgent> agents = new ArrayList<>();
  private int generation;
  private Path stateDir;
  private CrashingStore store;
  private Aggregator aggregator;

  /** Defaults: one writer thread (calls to the store in a known order), a short shutdown for crashed ones. */
  CrashFixture(Path dir, UnaryOperator<AggregatorConfig.Builder> settings) throws Exception {
    this.dir = dir;
    this.stateDir = dir.resolve("state-0");
    this.base = settings.apply(AggregatorConfig.builder()
            .orgId(ORG)
            .port(0)
            .rollInterval(Duration.ofSeconds(1))
            .writerThreads(1)
            // A crashed generation cannot finish anything: do not wait long for it to try.
            .shutdownTimeout(Duration.ofMillis(500))
            .stateDir(stateDir)
            .registryDir(dir.resolve("registry")))
        .build();
    start(next -> {});
  }

  private void start(Consumer<CrashingStore> beforeStart) throws Exception {
    store = new CrashingStore(objects, stateDir, dir.resolve("state-" + (generation + 1)));
    beforeStart.accept(store);
    aggregator = Aggregator.builder()
        .config(base.toBuilder().stateDir(stateDir).digestKeyFile(stateDir.resolve("digest-keys.json")).build())
        .store(store)
        .clock(Clock.systemUTC())
        .random(random)
        .build();
    aggregator.start();
  }

  Aggregator aggregator() {
    return aggregator;
  }

  AggregatorStats stats() {
    return aggregator.stats();
  }

  /** The current generation's store, to choose where it crashes. */
  CrashingStore store() {
    return store;
  }

  AgentCredentials enroll(String account) throws Exception {
    return aggregator.registry().enroll(account, random);
  }

  /** An agent connected to the current generation. */
  TestAgent agent(AgentCredentials credentials) {
    TestAgent agent = new TestAgent(credentials, aggregator.port(), timeline);
    agents.add(agent);
    return agent;
  }

  /**
   * Waits for the current generation to crash, disposes of it (a dead process serves no one) and starts the next
   * one from the state its crash left.
   */
  void restartAfterCrash() throws Exception {
    restartAfterCrash(next -> {});
  }

  /** As {@link #restartAfterCrash()}; {@code beforeStart} sees the next generation's store first. */
  void restartAfterCrash(Consumer<CrashingStore> beforeStart) throws Exception {
    restartAfterCrash(beforeStart, b -> b);
  }

  /** As {@link #restartAfterCrash(Consumer)}, with settings changed from this generation on. */
  void restartAfterCrash(Consumer<CrashingStore> beforeStart, UnaryOperator<AggregatorConfig.Builder> settings)
      throws Exception {
    base = settings.apply(base.toBuilder()).build();
    stateDir = store.crashed().get(30, TimeUnit.SECONDS);
    aggregator.close();
    generation++;
    start(beforeStart);
  }

  /** A graceful stop and a start on the same state. */
  void restart() throws Exception {
    aggregator.close();
    generation++;
    start(next -> {});
  }

  /** How many times each eventID is in the bucket's log files. */
  Map<String, Integer> deliveries() {
    return DeliveredFiles.deliveries(DeliveredFiles.read(objects, ORG));
  }

  /** Stops the current generation gracefully (final digests) and validates every chain in the bucket. */
  ValidationReport stopAndValidate() {
    aggregator.close();
    ValidationReport report = LogValidator.builder()
        .store(objects)
        .layout(new TrailLayout("", ORG))
        .trail(base.trail())
        .publicKeys(aggregator.digestKeys().publicKeys())
        .build()
        .validate(ValidationRequest.all(startedAt.minus(Duration.ofHours(1)), Instant.now().plusSeconds(60)));
    assertThat(report.isClean()).as("validation problems: %s", report.problems()).isTrue();
    assertThat(report.counts().logFilesNotYetCovered()).as("every log file listed by a digest").isZero();
    assertThat(report.counts().logFiles()).as("every log file in the bucket checked")
        .isEqualTo(DeliveredFiles.read(objects, ORG).size());
    return report;
  }

  @Override
  public void close() throws Exception {
    for (TestAgent a : agents) {
      a.close();
    }
    aggregator.close();
  }
}
