package io.orgtrail.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.aggregator.guard.WriteGuard;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.aggregator.digest.DigestKeyRing;
import io.orgtrail.aggregator.digest.DigestWriter;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.proto.v1.Ack;
import io.orgtrail.proto.v1.AckStatus;
import io.orgtrail.proto.v1.ChainHead;
import io.orgtrail.store.PutObject;
import io.orgtrail.testkit.Await;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digest files: one per chain and period, chained, signed, listing every delivered log file once. */
class DigestChainsTest {
  private static final String ACCOUNT = "123456789012";

  @TempDir Path dir;

  private static List<String> records(String region, int n) {
    List<String> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(Records.record(ACCOUNT, region, UUID.randomUUID().toString()));
    }
    return r;
  }

  @Test
  void everyPeriodGetsASignedChainedDigestListingEachDeliveredFileOnceEvenWhenEmpty() throws Exception {
    List<Ack> acks = new ArrayList<>();
    AggregatorFixture f = new AggregatorFixture(dir, b -> b.digestPeriod(Duration.ofSeconds(1)));
    TestAgent agent = f.enroll(ACCOUNT);
    try (TestStream s = agent.open()) {
      for (long seq = 1; seq <= 3; seq++) {
        acks.add(s.exchange(agent.batch(seq, records(seq == 2 ? "eu-west-1" : "us-east-1", 4))));
        long written = f.stats().digestsWritten();
        Await.until(Duration.ofSeconds(10), () -> f.stats().digestsWritten() > written, () -> "a digest after the batch");
      }
      // Quiet periods still get (empty) digests.
      long before = f.stats().digestsWritten();
      Await.until(Duration.ofSeconds(10), () -> f.stats().digestsWritten() >= before + 4, () -> "empty digests");
      acks.add(s.exchange(agent.batch(4, records("us-east-1", 2))));
    }
    f.close(); // the final digests list what the last periods have not yet
    assertThat(acks).extracting(Ack::getStatus).containsOnly(AckStatus.DURABLE);

    Map<String, List<StoredDigests.Digest>> chains = StoredDigests.read(f.store);
    assertThat(chains).containsOnlyKeys(ACCOUNT + "/us-east-1", ACCOUNT + "/eu-west-1");
    List<String> listed = new ArrayList<>();
    for (List<StoredDigests.Digest> chain : chains.values()) {
      listed.addAll(StoredDigests.checkChain(chain, f.store.bucket(), f.aggregator().digestKeys().publicKeys()));
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(f.delivered().stream().map(DeliveredFiles.LogFile::key).toList());
    assertThat(chains.get(ACCOUNT + "/us-east-1")).anyMatch(d -> d.logFiles().isEmpty()
        && d.json().get("newestEventTime").isNull() && d.json().get("oldestEventTime").isNull());
    // Acknowledgements carry the account's chain heads as they advance, each one a real digest.
    List<ChainHead> heads = acks.stream().flatMap(a -> a.getChainHeadsList().stream()).toList();
    assertThat(heads).isNotEmpty().allMatch(h -> h.getAccountId().equals(ACCOUNT));
    assertThat(heads).allMatch(h -> f.store.object(h.getDigestS3Object()) != null
        && f.store.object(h.getDigestS3Object()).userMetadata().get("signature").equals(h.getSignature()));
  }

  @Test
  void aRestartMidPeriodContinuesTheChainWithoutAForkOrAGap() throws Exception {
    try (AggregatorFixture f = new AggregatorFixture(dir, b -> b.digestPeriod(Duration.ofHours(1)))) {
      TestAgent agent = f.enroll(ACCOUNT);
      try (TestStream s = agent.open()) {
        assertThat(s.exchange(agent.batch(1, records("us-east-1", 3))).getStatus()).isEqualTo(AckStatus.DURABLE);
      }
      f.restart(); // mid-period: the stop writes a final digest ending now; the chain goes on from it
      Map<String, List<StoredDigests.Digest>> afterStop = StoredDigests.read(f.store);
      assertThat(afterStop.get(ACCOUNT + "/us-east-1")).hasSize(1);
      String firstDigest = afterStop.get(ACCOUNT + "/us-east-1").get(0).key();
      Await.until(Duration.ofSeconds(3), () -> Instant.now().isAfter(afterStop.get(ACCOUNT + "/us-east-1").get(0).end()),
          () -> "a new second (digest keys end in seconds)");
      Ack ack;
      TestAgent again = f.connect(agent.credentials());
      try (TestStream s = again.open()) {
        ack = s.exchange(again.batch(2, records("us-east-1", 3)));
      }
      assertThat(ack.getChainHeadsList()).extracting(ChainHead::getDigestS3Object).containsExactly(firstDigest);
      f.restart();
      List<StoredDigests.Digest> chain = StoredDigests.read(f.store).get(ACCOUNT + "/us-east-1");
      assertThat(chain).hasSize(2);
      List<String> listed = StoredDigests.checkChain(chain, f.store.bucket(), f.aggregator().digestKeys().publicKeys());
      assertThat(listed).containsExactlyInAnyOrderElementsOf(f.delivered().stream().map(DeliveredFiles.LogFile::key).toList());
    }
  }

  /**
   * The crash windows, through the journal: a digest signed and journaled but not stored is stored on restart
   * (the same bytes, so nothing forks), a log file put but never reported durable is found in the store and
   * listed, and one that never reached the store is not.
   */
  @Test
  void afterACrashTheJournalCompletesTheChainAndListsExactlyTheFilesInTheStore() throws Exception {
    InMemoryStore store = new InMemoryStore(new Timeline());
    TrailLayout layout = new TrailLayout("", AggregatorFixture.ORG);
    DigestWriter.Settings settings = new DigestWriter.Settings(layout, AggregatorConfig.DEFAULT_TRAIL,
        Duration.ofSeconds(1), dir.resolve("digests"));
    DigestKeyRing keys = DigestKeyRing.open(dir.resolve("keys.json"), Clock.systemUTC(), new SecureRandom());
    WriteGuard guard = new WriteGuard(new TrailBucket(store.bucket(), "", AggregatorFixture.ORG),
        new PolicyEvaluator(Clock.systemUTC()));

    DigestWriter first = new DigestWriter(settings, store, guard, keys, Clock.systemUTC());
    first.recover();
    String delivered = logFile(first, store, layout, "a", true, true);
    String putButNotReported = logFile(first, store, layout, "b", true, false);
    String neverStored = logFile(first, store, layout, "c", false, false);
    store.failing(true);
    assertThat(first.close(Duration.ofMillis(300))).as("the final digest cannot be stored").isFalse();
    store.failing(false);
    assertThat(StoredDigests.read(store)).isEmpty();

    DigestWriter second = new DigestWriter(settings, store, guard, keys, Clock.systemUTC());
    second.recover();
    second.start();
    Await.until(Duration.ofSeconds(10), () -> second.digestsWritten() >= 3, () -> "the journaled digest and two more");
    second.close(Duration.ofSeconds(5));

    List<StoredDigests.Digest> chain = StoredDigests.read(store).get(ACCOUNT + "/us-east-1");
    List<String> listed = StoredDigests.checkChain(chain, store.bucket(), keys.publicKeys());
    assertThat(chain.get(0).logFiles()).containsExactly(delivered);
    assertThat(listed).containsExactlyInAnyOrder(delivered, putButNotReported).doesNotContain(neverStored);
    assertThat(new HashSet<>(chain.stream().map(StoredDigests.Digest::key).toList())).hasSize(chain.size());
  }

  private static String logFile(DigestWriter w, InMemoryStore store, TrailLayout layout, String unique, boolean put,
      boolean reported) throws Exception {
    String key = layout.logFileKey(ACCOUNT, "us-east-1", Instant.now(), (unique + "000000000000000").substring(0, 16));
    w.putting(ACCOUNT, "us-east-1", key, "00".repeat(32), Instant.parse("2024-05-01T10:00:00Z"),
        Instant.parse("2024-05-01T10:00:00Z"), List.of());
    if (put) {
      store.put(PutObject.gzipJson(key, new byte[] {1}));
    }
    if (reported) {
      w.put(ACCOUNT, "us-east-1", key);
    }
    return key;
  }
}
