package io.orgtrail.aggregator.sequence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-agent batch sequences, in the manner of Kafka's idempotent producer: which (agent, sequence) pairs are
 * durable, which are partly durable (which of their events), and which are in flight (received, not yet durable)
 * together with a value standing for the in-flight batch. Durable state is persisted with {@link #persist()} so
 * that a resend after a restart is still recognised.
 *
 * <p>After a restart, batches held in log files journaled before it are in doubt ({@link #doubt}) until the store
 * has said whether those files got there ({@link #resolve}): until then a resend of them waits.
 *
 * @param <T> what the caller keeps per in-flight batch
 */
public final class SequenceTracker<T> {
  private static final Logger log = LoggerFactory.getLogger(SequenceTracker.class);
  /** Bound on durable sequences remembered above the contiguous run, per agent (see AgentSequences). */
  public static final int DEFAULT_MAX_ABOVE = 100_000;

  private final SequenceStateFile file;
  private final int maxAbove;
  private final ConcurrentHashMap<String, AgentSequences<T>> agents = new ConcurrentHashMap<>();
  private final Map<String, DurableSequences> restored;
  private final AtomicLong changes = new AtomicLong();
  private final Object persistLock = new Object();
  private long persisted;

  private SequenceTracker(SequenceStateFile file, Map<String, DurableSequences> restored, int maxAbove) {
    this.file = file;
    this.restored = restored;
    this.maxAbove = maxAbove;
  }

  /** Loads the saved state from {@code file} (empty when there is none). */
  public static <T> SequenceTracker<T> open(SequenceStateFile file, int maxAbove) throws IOException {
    return new SequenceTracker<>(file, file.load(), maxAbove);
  }

  public static <T> SequenceTracker<T> open(SequenceStateFile file) throws IOException {
    return open(file, DEFAULT_MAX_ABOVE);
  }

  /**
   * Classifies a received batch; a NEW one is registered as in flight with the value {@code create} makes. For an
   * IN_DOUBT one, {@code whenResolved} runs (on the thread calling {@link #resolve}) once the doubt is lifted; the
   * caller then admits the batch again.
   */
  public Admission<T> admit(String agentId, long sequence, Supplier<T> create, Runnable whenResolved) {
    return agent(agentId).admit(sequence, create, whenResolved);
  }

  /**
   * Records that some events of a batch are durable (a log file holding them is in the store), so that after a
   * restart a resend writes only the others. Call {@link #persist()} afterwards.
   */
  public void markEventsDurable(BatchEvents events) {
    agent(events.agentId()).markEventsDurable(events.sequence(), events.events());
    // Counted even when nothing changed here: the batch may have been made durable a moment ago by another
    // thread that has not counted its change yet, and the caller's persist() must not return before that is saved.
    changes.incrementAndGet();
  }

  /** Each entry stands for one log file, journaled before the restart, that holds some events of that batch. */
  public void doubt(Collection<BatchEvents> held) {
    for (BatchEvents h : held) {
      agent(h.agentId()).doubt(h.sequence());
    }
  }

  /**
   * The log files holding {@code held} are resolved (found in the store or not); returns the callbacks of batches
   * that waited for them, to run now. Mark what the store has durable and persist it first.
   */
  public List<Runnable> resolve(Collection<BatchEvents> held) {
    List<Runnable> ready = new ArrayList<>();
    for (BatchEvents h : held) {
      ready.addAll(agent(h.agentId()).resolve(h.sequence()));
    }
    return ready;
  }

  /** How many batches are in doubt (see {@link #doubt}). */
  public int inDoubt() {
    int n = 0;
    for (AgentSequences<T> a : agents.values()) {
      n += a.inDoubt();
    }
    return n;
  }

  /** Records that the batch is durable (its files are written). Call {@link #persist()} afterwards. */
  public void markDurable(String agentId, long sequence) {
    long skipped = agent(agentId).markDurable(sequence, maxAbove);
    changes.incrementAndGet();
    if (skipped > 0) {
      log.warn("agent {}: {} never-received sequence numbers below {} are now treated as skipped (more than {} "
          + "durable batches above the gap); a late batch with one of them would be answered DUPLICATE",
          agentId, skipped, sequence, maxAbove);
    }
  }

  /** Forgets an in-flight batch without making it durable, so that a resend is processed afresh. */
  public void abandon(String agentId, long sequence) {
    agent(agentId).abandon(sequence);
  }

  /**
   * Writes the durable state if it changed since the last write. Concurrent callers coalesce: a caller whose
   * change was already included in another's write returns without writing.
   */
  public void persist() throws IOException {
    synchronized (persistLock) {
      long version = changes.get();
      if (version == persisted) {
        return;
      }
      file.save(snapshot());
      persisted = version;
    }
  }

  public Map<String, DurableSequences> snapshot() {
    Map<String, DurableSequences> all = new HashMap<>(restored);
    agents.forEach((id, a) -> all.put(id, a.snapshot()));
    return all;
  }

  private AgentSequences<T> agent(String agentId) {
    return agents.computeIfAbsent(
        agentId, id -> new AgentSequences<>(restored.getOrDefault(id, new DurableSequences(0, null))));
  }
}
