package io.orgtrail.agent.testing;

import com.google.protobuf.ByteString;
import io.orgtrail.agent.batch.BatchSealer;
import io.orgtrail.agent.batch.Batcher;
import io.orgtrail.agent.batch.SealedBatch;
import io.orgtrail.agent.batch.SequenceFile;
import io.orgtrail.agent.intake.InFlightBudget;
import io.orgtrail.agent.intake.Intake;
import io.orgtrail.agent.selectors.AppliedSelectors;
import io.orgtrail.agent.spool.Spool;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.format.record.RecordRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's real intake, batcher, sealer and spool (in {@code <stateDir>/spool}), with the shipper replaced by a
 * list the test settles by hand: for testing sources without a network. A new pipeline over the same state
 * directory is the agent after a restart.
 */
public final class TestPipeline implements AutoCloseable {
  public final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  public final InFlightBudget budget;
  public final Spool spool;
  public final Batcher batcher;
  public final BatchSealer sealer;
  public final Intake intake;
  /** The event selectors intake applies (none until a test applies some). */
  public final AppliedSelectors selectors = new AppliedSelectors();
  private final List<SealedBatch> sealed = new ArrayList<>(); // guarded by this
  private final List<SealedBatch> unsettled = new ArrayList<>(); // guarded by this

  /** @param maxPendingBytes both the in-memory budget and the spool's bound */
  public TestPipeline(Path stateDir, AgentCredentials agent, int maxEvents, Duration maxDelay, long maxPendingBytes)
      throws IOException {
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    budget = new InFlightBudget(maxPendingBytes);
    SequenceFile sequences = SequenceFile.open(stateDir, agent.agentId());
    spool = Spool.open(stateDir.resolve("spool"), agent.agentId(), maxPendingBytes, 4096, sequences.limit(),
        Clock.systemUTC());
    sealer = new BatchSealer(spool, sequences, agent.signer(), Duration.ZERO,
        (bytes, events) -> {
          budget.release(bytes, events);
          spool.capacity().release(bytes);
        },
        this::collect, scheduler, problem -> {});
    batcher = new Batcher(maxEvents, 1024 * 1024, maxDelay, scheduler, sealer);
    intake = new Intake(new RecordRules(), agent.accountId(), new RandomUuids(new Random(7)), budget,
        spool.capacity(), batcher, selectors);
  }

  private synchronized void collect(SealedBatch b) {
    sealed.add(b);
    unsettled.add(b);
  }

  /** Closes the open batch and waits until it is spooled. */
  public void flush() throws InterruptedException {
    batcher.flush();
    sealer.awaitEmpty(Duration.ofSeconds(10));
  }

  public synchronized List<SealedBatch> sealed() {
    return List.copyOf(sealed);
  }

  public synchronized List<String> sealedEvents() {
    List<String> events = new ArrayList<>();
    for (SealedBatch b : sealed) {
      for (ByteString e : b.message().getEventsList()) {
        events.add(e.toStringUtf8());
      }
    }
    return events;
  }

  /** Settles every batch spooled so far, as the shipper does when their acks arrive. */
  public void settleAll(boolean acknowledged) {
    List<SealedBatch> now;
    synchronized (this) {
      now = List.copyOf(unsettled);
      unsettled.clear();
    }
    for (SealedBatch b : now) {
      spool.acknowledge(b.sequence());
      b.notifyListeners(acknowledged);
    }
  }

  @Override
  public void close() {
    scheduler.shutdown(); // not shutdownNow: an interrupt during a spool write closes the file
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    spool.close();
  }
}
