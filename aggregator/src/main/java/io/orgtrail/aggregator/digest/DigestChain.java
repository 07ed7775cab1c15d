package io.orgtrail.aggregator.digest;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.ChainId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One (account, region) chain: its head, the log files being put (journaled first, with the events they hold) and
 * the ones delivered since the head, which the next digest lists. Writer threads add files; the digest thread
 * seals digests. A file is reported delivered only once the events it holds are recorded durable in the sequence
 * state, so a journal line that still matters (its events not yet recorded) is never compacted away.
 */
final class DigestChain {
  private final ChainId id;
  private final ChainJournal journal;
  private final Instant createdAt;
  private SignedDigest.Head head;
  /** Signed and journaled, not yet known to be in the store. */
  private SignedDigest unconfirmed;
  private final String bucket;
  /**
   * The signed head of the newest digest known to be in the store: what agents may witness. Built once per digest
   * and read without the lock, since every acknowledgement asks for it.
   */
  private volatile ChainHead signedHead;
  private final Map<String, ListedFile> putting = new LinkedHashMap<>();
  private final Map<String, ListedFile> delivered = new LinkedHashMap<>();
  /** Files journaled before a restart: whether they reached the store is still to be asked. */
  private final List<ListedFile> recovered = new ArrayList<>();

  private DigestChain(ChainId id, String bucket, ChainJournal journal, Instant createdAt, SignedDigest.Head head,
      SignedDigest unconfirmed, List<ListedFile> recovered) {
    this.id = id;
    this.bucket = bucket;
    this.journal = journal;
    this.createdAt = createdAt;
    this.head = head;
    this.unconfirmed = unconfirmed;
    this.signedHead = unconfirmed == null && head != null ? head.signedHead(id, bucket) : null;
    this.recovered.addAll(recovered);
  }

  static DigestChain create(ChainId id, String bucket, ChainJournal journal, Instant createdAt) {
    return new DigestChain(id, bucket, journal, createdAt, null, null, List.of());
  }

  static DigestChain recover(ChainId id, String bucket, ChainJournal journal, ChainJournal.Replayed state) {
    return new DigestChain(id, bucket, journal, state.createdAt(), state.head(), state.unconfirmed(),
        state.uncovered());
  }

  ChainId id() {
    return id;
  }

  /** Journals a log file before it is put, so that it is listed even if this process dies right after the put. */
  synchronized void putting(ListedFile f) throws IOException {
    if (putting.containsKey(f.key()) || delivered.containsKey(f.key())) {
      return;
    }
    journal.appendFile(f);
    putting.put(f.key(), f);
  }

  /**
   * The log file is in the store and the events it holds are recorded durable elsewhere (the sequence state); the
   * next digest lists it.
   */
  synchronized void put(String key) {
    ListedFile f = putting.remove(key);
    if (f != null) {
      delivered.put(key, f.withoutHolds());
    }
  }

  synchronized SignedDigest unconfirmed() {
    return unconfirmed;
  }

  synchronized List<ListedFile> recovered() {
    return List.copyOf(recovered);
  }

  /** After a restart: the recovered files the store has are delivered; the others never reached it. */
  synchronized void resolved(List<ListedFile> inStore) {
    recovered.clear();
    for (ListedFile f : inStore) {
      delivered.putIfAbsent(f.key(), f.withoutHolds());
    }
  }

  synchronized Instant nextStart() {
    return head == null ? createdAt : head.end();
  }

  synchronized boolean hasDelivered() {
    return !delivered.isEmpty();
  }

  /**
   * Signs the digest ending at {@code end} over every delivered file and commits it to the journal; from here on
   * it is the head. The caller puts it and then calls {@link #confirm}.
   */
  synchronized SignedDigest seal(Instant end, DigestSigner signer) throws IOException {
    if (unconfirmed != null) {
      throw new IllegalStateException("digest " + unconfirmed.key() + " is not confirmed yet");
    }
    List<ListedFile> files = new ArrayList<>(delivered.values());
    SignedDigest d = signer.sign(id, nextStart(), end, head, files);
    journal.appendDigest(d);
    files.forEach(f -> delivered.remove(f.key()));
    head = d.head();
    unconfirmed = d;
    return d;
  }

  /** The digest is in the store: drop what it covers from the journal. */
  synchronized void confirm(SignedDigest d) throws IOException {
    if (unconfirmed != d) {
      return;
    }
    unconfirmed = null;
    signedHead = d.head().signedHead(id, bucket);
    List<ListedFile> open = new ArrayList<>(recovered);
    open.addAll(putting.values());
    open.addAll(delivered.values());
    journal.compact(createdAt, head, open);
  }

  /** Null until a digest of this chain is in the store. */
  ChainHead signedHead() {
    return signedHead;
  }

  synchronized void close() throws IOException {
    journal.close();
  }
}
