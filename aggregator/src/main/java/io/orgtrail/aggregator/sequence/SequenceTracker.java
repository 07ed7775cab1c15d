package io.orgtrail.aggregator.sequence;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-agent batch sequences, in the manner of Kafka's idempotent producer: which (agent, sequence) pairs are
 * durable, and which are in flight (received, not yet durable) together with a value standing for the in-flight
 * batch. Durable state is persisted with {@link #persist()} so that a resend after a restart is still recognised.
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

  /** Classifies a received batch; a NEW one is registered as in flight with the value {@code create} makes. */
  public Admission<T> admit(String agentId, long sequence, Supplier<T> create) {
    return agent(agentId).admit(sequence, create);
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
