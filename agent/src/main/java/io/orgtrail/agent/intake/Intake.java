package io.orgtrail.agent.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.orgtrail.agent.batch.Batcher;
import io.orgtrail.agent.selectors.AppliedSelectors;
import io.orgtrail.agent.batch.SettlementListener;
import io.orgtrail.agent.spool.SourceMark;
import io.orgtrail.agent.spool.SpoolCapacity;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.format.record.InvalidRecordException;
import io.orgtrail.format.record.RecordEditor;
import io.orgtrail.format.record.RecordFields;
import io.orgtrail.format.record.RecordProblem;
import io.orgtrail.format.record.RecordRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where every source hands over records: each is checked with {@link RecordRules} for the agent's account; one the
 * trail's event selectors ({@link AppliedSelectors}) do not select is {@link IntakeResult.Filtered filtered}: the
 * source takes it as accepted, but it is neither spooled nor sent (CloudTrail does not log it either). The others
 * get an eventID when they have none and go to the batcher. Intake takes a record only when it fits both in the
 * {@link InFlightBudget} (records in memory, not yet in the spool) and in the spool's {@link SpoolCapacity}
 * (unacknowledged records on disk): otherwise {@link #offer} waits (a file being read pauses) and
 * {@link #tryOfferAll} refuses (the HTTP endpoint answers 503). A source learns whether its records were accepted
 * from its {@link SettlementListener}, once they are in the spool or were refused by it.
 */
public final class Intake {
  private static final byte[] EVENT_ID_KEY = "\"eventID\"".getBytes(StandardCharsets.US_ASCII);

  private final RecordRules rules;
  private final String account;
  private final RandomUuids uuids;
  private final InFlightBudget budget;
  private final SpoolCapacity capacity;
  private final Batcher batcher;
  private final AppliedSelectors selectors;
  private final JsonFactory json = new JsonFactory();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

  /** What {@link #tryOfferAll} made of a call's records. */
  public enum Offer {
    /** All were handed to the batcher. */
    TAKEN,
    /** None: the agent holds its maximum of records not yet in the spool. */
    MEMORY_FULL,
    /** None: the spool holds its maximum of unacknowledged records. */
    SPOOL_FULL
  }

  /** An intake that selects every valid record (no event selectors). */
  public Intake(RecordRules rules, String account, RandomUuids uuids, InFlightBudget budget, SpoolCapacity capacity,
      Batcher batcher) {
    this(rules, account, uuids, budget, capacity, batcher, new AppliedSelectors());
  }

  /** @param selectors the event selectors records must pass, read for every record (they change while running) */
  public Intake(RecordRules rules, String account, RandomUuids uuids, InFlightBudget budget, SpoolCapacity capacity,
      Batcher batcher, AppliedSelectors selectors) {
    this.selectors = selectors;
    this.rules = rules;
    this.account = account;
    this.uuids = uuids;
    this.budget = budget;
    this.capacity = capacity;
    this.batcher = batcher;
  }

  /**
   * Checks one record, then asks the event selectors about it, and fills in the eventID of a record they select;
   * neither counts nor keeps it (a source counts with {@link #countRejected} and {@link #countFiltered} once its
   * caller was answered).
   */
  public IntakeResult check(byte[] record) {
    RecordFields f;
    try {
      f = rules.check(record, account);
    } catch (InvalidRecordException e) {
      return new IntakeResult.Rejected(e.problem().name(), e.getMessage());
    }
    String eventId = f.eventId();
    if (eventId != null) {
      if (eventId.isEmpty()) {
        return new IntakeResult.Rejected(
            RecordProblem.INVALID_FIELD.name(), "eventID is empty; leave it out and the agent assigns one");
      }
      if (!selectors.selects(record)) {
        return new IntakeResult.Filtered(eventId);
      }
      return new IntakeResult.Accepted(eventId, record);
    }
    if (contains(record, EVENT_ID_KEY) && hasTopLevelEventId(record)) {
      // Present but not a string: adding our own would give the record two eventID members.
      return new IntakeResult.Rejected(
          RecordProblem.INVALID_FIELD.name(), "eventID must be a string such as a UUID, or left out");
    }
    if (!selectors.selects(record)) {
      // Not written anywhere, but PutAuditEvents answers every accepted event with its eventID.
      return new IntakeResult.Filtered(uuids.next());
    }
    String id = uuids.next();
    return new IntakeResult.Accepted(id, RecordEditor.withEventId(record, id));
  }

  /**
   * Checks a record and, when it passes, hands it to the batcher, waiting while the agent holds its maximum of
   * records in memory or in the spool.
   */
  public IntakeResult offer(byte[] record, SettlementListener listener) throws InterruptedException {
    IntakeResult r = check(record);
    if (r instanceof IntakeResult.Accepted a) {
      offerChecked(a, listener, null);
    } else if (r instanceof IntakeResult.Filtered) {
      countFiltered(1);
    } else {
      countRejected(((IntakeResult.Rejected) r).problem());
    }
    return r;
  }

  /**
   * Hands a record that passed {@link #check} to the batcher, waiting while the agent holds its maximum of records
   * in memory or in the spool. {@code mark} (may be null) is the position its source reaches with it.
   */
  public void offerChecked(IntakeResult.Accepted record, SettlementListener listener, SourceMark mark)
      throws InterruptedException {
    int n = record.record().length;
    budget.acquire(n, 1);
    try {
      capacity.reserve(n);
    } catch (InterruptedException e) {
      budget.release(n, 1);
      throw e;
    }
    batcher.add(record.record(), listener, mark);
    accepted.increment();
  }

  /**
   * Hands all {@code records} (already {@link #check checked}) to the batcher, or none of them when they do not
   * fit in memory or in the spool now.
   */
  public Offer tryOfferAll(List<IntakeResult.Accepted> records, SettlementListener listener) {
    if (records.isEmpty()) {
      return Offer.TAKEN;
    }
    long bytes = 0;
    for (IntakeResult.Accepted a : records) {
      bytes += a.record().length;
    }
    if (!budget.tryAcquire(bytes, records.size())) {
      return Offer.MEMORY_FULL;
    }
    if (!capacity.tryReserve(bytes)) {
      budget.release(bytes, records.size());
      return Offer.SPOOL_FULL;
    }
    for (IntakeResult.Accepted a : records) {
      batcher.add(a.record(), listener);
    }
    accepted.add(records.size());
    return Offer.TAKEN;
  }

  /**
   * Closes the open batch, so the records handed over so far reach the spool without waiting for the batch delay
   * (a source waiting to tell its client they were accepted calls this).
   */
  public void flush() {
    batcher.flush();
  }


  /** Counts a refused record; {@code problem} as in {@link IntakeResult.Rejected#problem()}. */
  public void countRejected(String problem) {
    rejected.computeIfAbsent(problem, p -> new LongAdder()).increment();
  }

  /** Counts valid records the event selectors did not select (taken from their source, not kept). */
  public void countFiltered(int records) {
    filtered.add(records);
  }

  /** Valid records the event selectors did not select, as counted by {@link #countFiltered}. */
  public long filteredCount() {
    return filtered.sum();
  }

  /** The event selectors applied. */
  public AppliedSelectors selectors() {
    return selectors;
  }

  /** Records handed to the batcher (whether the spool then took them or not). */
  public long acceptedCount() {
    return accepted.sum();
  }

  /** Refused records by problem, sorted by name. */
  public Map<String, Long> rejectedByProblem() {
    Map<String, Long> m = new TreeMap<>();
    rejected.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  private boolean hasTopLevelEventId(byte[] record) {
    try (JsonParser p = json.createParser(record)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if ("eventID".equals(p.currentName())) {
          return true;
        }
        p.nextToken();
        p.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false; // RecordRules already parsed it; cannot happen
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
