package io.orgtrail.agent.selectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.orgtrail.agent.ship.Backoff;
import io.orgtrail.agent.testing.TestIngestServer;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.testkit.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subscription against the stand-in aggregator over real gRPC on loopback. */
class SelectorsSubscriptionTest {
  private static final String AGENT = "agt-00000000000000d1";

  @TempDir Path stateDir;
  private final TestIngestServer server = new TestIngestServer();
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final AppliedSelectors applied = new AppliedSelectors();
  private ManagedChannel channel;
  private SelectorsSubscription subscription;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (subscription != null) {
      subscription.close();
    }
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    server.close();
  }

  private SelectorsSubscription subscribe(Duration unimplementedRetry) {
    subscription = new SelectorsSubscription(channel, AGENT, server.target(), applied, new SelectorsFile(stateDir),
        scheduler, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), new Random(5)), unimplementedRetry,
        Clock.systemUTC());
    subscription.start();
    return subscription;
  }

  private static TrailSelectors selectors(String readWriteType) throws Exception {
    return TrailSelectors.parse("{\"EventSelectors\":[{\"ReadWriteType\":\"" + readWriteType + "\"}]}");
  }

  private void awaitApplied(TrailSelectors s) {
    Await.until(() -> s.fingerprint().equals(applied.fingerprint()),
        () -> s.toJson() + " applied; applied " + applied.describe());
  }

  @Test
  void subscribesAgainAfterTheAggregatorWentAwayAndAppliesWhatItSendsThen() throws Exception {
    TrailSelectors writeOnly = selectors("WriteOnly");
    server.pushSelectors(writeOnly);
    subscribe(Duration.ofMinutes(5));
    awaitApplied(writeOnly);
    assertThat(applied.describe()).isEqualTo(writeOnly.fingerprint().substring(0, 12));

    server.stop();
    TrailSelectors readOnly = selectors("ReadOnly");
    server.pushSelectors(readOnly); // no call open: only sent once the agent subscribes again
    server.restart();

    awaitApplied(readOnly);
    assertThat(subscription.updatesApplied()).isEqualTo(2);
    assertThat(new SelectorsFile(stateDir).load()).get().extracting(f -> f.fingerprint())
        .isEqualTo(readOnly.fingerprint());
  }

  @Test
  void anUpdateNamingTheAppliedSelectorsChangesNothing() throws Exception {
    TrailSelectors writeOnly = selectors("WriteOnly");
    server.pushSelectors(writeOnly);
    subscribe(Duration.ofMinutes(5));
    awaitApplied(writeOnly);

    server.pushSelectors(writeOnly);
    server.pushRawSelectors("not json", "");
    Await.until(() -> subscription.updatesIgnored() == 1, () -> "the last update handled");
    assertThat(subscription.updatesApplied()).isEqualTo(1);
    assertThat(applied.fingerprint()).isEqualTo(writeOnly.fingerprint());
  }

  @Test
  void anAggregatorWithoutTheCallIsAskedAgainAfterTheLongerWait() throws Exception {
    server.selectorsUnimplemented(true);
    subscribe(Duration.ofMillis(300));
    Await.until(() -> server.selectorCallsOpened() == 1, () -> "asked once");
    assertThat(applied.current()).isEmpty();
    assertThat(applied.describe()).isEqualTo("all (none received)");

    // The aggregator is upgraded: the next attempt, one long wait later, gets the selectors.
    TrailSelectors writeOnly = selectors("WriteOnly");
    server.pushSelectors(writeOnly);
    server.selectorsUnimplemented(false);
    awaitApplied(writeOnly);
    assertThat(server.selectorCallsOpened()).isEqualTo(2);
  }

  @Test
  void closingEndsTheCallAndNoNewOneIsOpened() throws Exception {
    subscribe(Duration.ofMinutes(5));
    Await.until(() -> server.openSelectorCalls() == 1, () -> "the call open");
    subscription.close();
    Await.until(() -> server.openSelectorCalls() == 0, () -> "the call cancelled on the server");
    assertThat(subscription.subscribed()).isFalse();
    // A push now has nowhere to go, and nothing is applied.
    server.pushSelectors(selectors("ReadOnly"));
    assertThat(server.selectorCallsOpened()).isEqualTo(1);
    assertThat(applied.current()).isEmpty();
  }
}
