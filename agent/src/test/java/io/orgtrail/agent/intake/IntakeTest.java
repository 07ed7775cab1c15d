package io.orgtrail.agent.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.batch.SettlementListener;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestPipeline;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.record.RecordScanner;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.selectors.filter.EventFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeTest {
  private static final String ACCOUNT = "111122223333";
  @TempDir Path dir;
  private TestPipeline pipeline;

  private TestPipeline pipeline(long maxInFlightBytes) throws Exception {
    pipeline = new TestPipeline(dir, TestKeys.create("00000000000000c1", ACCOUNT), 500, Duration.ofHours(1), maxInFlightBytes);
    return pipeline;
  }

  @AfterEach
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void fillsAMissingEventIdFromTheInjectedRandomAndKeepsAPresentOne() throws Exception {
    Intake intake = pipeline(1 << 20).intake;
    String expected = new RandomUuids(new Random(7)).next(); // TestPipeline seeds intake with 7

    IntakeResult filled = intake.check(TestRecords.bytes(ACCOUNT, "us-east-1", null));
    assertThat(filled).isInstanceOf(IntakeResult.Accepted.class);
    IntakeResult.Accepted a = (IntakeResult.Accepted) filled;
    assertThat(a.eventId()).isEqualTo(expected).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(new RecordScanner().scan(a.record()).eventId()).isEqualTo(expected);

    IntakeResult kept = intake.check(TestRecords.bytes(ACCOUNT, "us-east-1", "given-id"));
    assertThat(((IntakeResult.Accepted) kept).eventId()).isEqualTo("given-id");
    assertThat(((IntakeResult.Accepted) kept).record()).isEqualTo(TestRecords.bytes(ACCOUNT, "us-east-1", "given-id"));
  }

  @Test
  void refusesRecordsWithTheirProblemAndCountsOnlyWhatWasOffered() throws Exception {
    Intake intake = pipeline(1 << 20).intake;
    byte[] numericId = TestRecords.json(ACCOUNT, "us-east-1", null).replace("{", "{\"eventID\":42,")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(intake.check(numericId)).isEqualTo(new IntakeResult.Rejected("INVALID_FIELD",
        "eventID must be a string such as a UUID, or left out"));
    assertThat(intake.rejectedByProblem()).isEmpty();

    assertThat(intake.offer(TestRecords.bytes("999999999999", "us-east-1", "x"), SettlementListener.NONE))
        .isInstanceOfSatisfying(IntakeResult.Rejected.class, r -> assertThat(r.problem()).isEqualTo("WRONG_ACCOUNT"));
    assertThat(intake.offer("not json".getBytes(StandardCharsets.UTF_8), SettlementListener.NONE))
        .isInstanceOfSatisfying(IntakeResult.Rejected.class, r -> assertThat(r.problem()).isEqualTo("MALFORMED_JSON"));
    assertThat(intake.offer(TestRecords.bytes(ACCOUNT, "../x", "y"), SettlementListener.NONE))
        .isInstanceOfSatisfying(IntakeResult.Rejected.class, r -> assertThat(r.problem()).isEqualTo("INVALID_REGION"));
    assertThat(intake.offer(TestRecords.bytes(ACCOUNT, "us-east-1", "ok"), SettlementListener.NONE))
        .isInstanceOf(IntakeResult.Accepted.class);

    assertThat(intake.rejectedByProblem())
        .containsEntry("WRONG_ACCOUNT", 1L).containsEntry("MALFORMED_JSON", 1L).containsEntry("INVALID_REGION", 1L);
    assertThat(intake.acceptedCount()).isEqualTo(1);
  }

  private static byte[] readOnly(String account, String eventId) {
    return TestRecords.json(account, "us-east-1", eventId).replace("{", "{\"readOnly\":true,")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void recordsTheSelectorsDoNotSelectAreFilteredOnlyAfterPassingTheChecks() throws Exception {
    TestPipeline p = pipeline(1 << 20);
    Intake intake = p.intake;
    p.selectors.apply(EventFilter.compile(
        TrailSelectors.parse("{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\"}]}")));

    assertThat(intake.check(readOnly(ACCOUNT, "r-1"))).isEqualTo(new IntakeResult.Filtered("r-1"));
    String madeUp = new RandomUuids(new Random(7)).next();
    assertThat(intake.check(readOnly(ACCOUNT, null))).isEqualTo(new IntakeResult.Filtered(madeUp));
    // Invalid records are refused as before, selected or not.
    assertThat(intake.check(readOnly("999999999999", "r-2")))
        .isInstanceOfSatisfying(IntakeResult.Rejected.class, r -> assertThat(r.problem()).isEqualTo("WRONG_ACCOUNT"));
    byte[] emptyId = TestRecords.json(ACCOUNT, "us-east-1", "").replace("{", "{\"readOnly\":true,")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(intake.check(emptyId)).isInstanceOf(IntakeResult.Rejected.class);
    // Unreadable for the selectors (readOnly is not a boolean): the checks decide, and they let it through.
    byte[] oddReadOnly = TestRecords.json(ACCOUNT, "us-east-1", "w-0").replace("{", "{\"readOnly\":\"yes\",")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(intake.check(oddReadOnly)).isInstanceOf(IntakeResult.Accepted.class);

    assertThat(intake.offer(readOnly(ACCOUNT, "r-3"), SettlementListener.NONE)).isInstanceOf(IntakeResult.Filtered.class);
    assertThat(intake.offer(TestRecords.bytes(ACCOUNT, "us-east-1", "w-1"), SettlementListener.NONE))
        .isInstanceOf(IntakeResult.Accepted.class);
    p.flush();
    assertThat(intake.filteredCount()).isEqualTo(1);
    assertThat(intake.acceptedCount()).isEqualTo(1);
    assertThat(intake.rejectedByProblem()).isEmpty();
    assertThat(p.sealedEvents()).hasSize(1).allSatisfy(e -> assertThat(e).contains("\"w-1\""));
  }

  @Test
  void offerWaitsWhileTheSpoolIsFullAndGoesOnWhenBatchesAreAcknowledged() throws Exception {
    TestPipeline p = pipeline(1000);
    p.intake.offer(TestRecords.ofSize(ACCOUNT, "a", 600), SettlementListener.NONE);
    p.flush();
    assertThat(p.budget.bytes()).as("in the spool now, not in memory").isZero();
    assertThat(p.spool.stats().bytes()).isEqualTo(600);

    CompletableFuture<IntakeResult> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        return p.intake.offer(TestRecords.ofSize(ACCOUNT, "b", 600), SettlementListener.NONE);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    // The offer cannot finish before the first batch is acknowledged; give it the chance to (wrongly) do so.
    assertThat(blocked).failsWithin(Duration.ofMillis(200)).withThrowableOfType(java.util.concurrent.TimeoutException.class);
    assertThat(p.intake.acceptedCount()).isEqualTo(1);
    assertThat(p.spool.capacity().fullRefusals()).isEqualTo(1);

    p.settleAll(true);
    assertThat(blocked.get(5, TimeUnit.SECONDS)).isInstanceOf(IntakeResult.Accepted.class);
    p.flush();
    assertThat(p.spool.stats().bytes()).isEqualTo(600);
    assertThat(p.intake.acceptedCount()).isEqualTo(2);
  }

  @Test
  void tryOfferAllTakesAllOrNothingAndSaysWhatIsFull() throws Exception {
    TestPipeline p = pipeline(1000);
    IntakeResult.Accepted a = (IntakeResult.Accepted) p.intake.check(TestRecords.ofSize(ACCOUNT, "a", 600));
    IntakeResult.Accepted b = (IntakeResult.Accepted) p.intake.check(TestRecords.ofSize(ACCOUNT, "b", 600));
    IntakeResult.Accepted c = (IntakeResult.Accepted) p.intake.check(TestRecords.ofSize(ACCOUNT, "c", 300));

    // Nothing held: even more than the whole budget is let through, else it could never pass.
    assertThat(p.intake.tryOfferAll(List.of(a, b), SettlementListener.NONE)).isEqualTo(Intake.Offer.TAKEN);
    assertThat(p.intake.tryOfferAll(List.of(c), SettlementListener.NONE)).isEqualTo(Intake.Offer.MEMORY_FULL);
    assertThat(p.intake.acceptedCount()).isEqualTo(2);
    assertThat(p.budget.events()).isEqualTo(2);

    p.flush(); // in the spool: memory is free, the spool is not
    assertThat(p.budget.bytes()).isZero();
    assertThat(p.intake.tryOfferAll(List.of(c), SettlementListener.NONE)).isEqualTo(Intake.Offer.SPOOL_FULL);
    assertThat(p.spool.capacity().reserved()).isZero();

    p.settleAll(true);
    assertThat(p.intake.tryOfferAll(List.of(c), SettlementListener.NONE)).isEqualTo(Intake.Offer.TAKEN);
    assertThat(p.budget.bytes()).isEqualTo(300);
    assertThat(p.spool.capacity().reserved()).isEqualTo(300);
  }
}
