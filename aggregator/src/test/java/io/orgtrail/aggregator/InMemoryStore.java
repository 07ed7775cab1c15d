package io.orgtrail.aggregator;

import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of our {@link ObjectStore} seam: objects in memory, every successful put recorded on a
 * {@link Timeline}, and a switch that makes every call fail as an unreachable store would.
 */
final class InMemoryStore implements ObjectStore {
  private final ConcurrentSkipListMap<String, PutObject> objects = new ConcurrentSkipListMap<>();
  private final Timeline timeline;
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicInteger successfulPuts = new AtomicInteger();
  private final AtomicInteger failedPuts = new AtomicInteger();

  InMemoryStore(Timeline timeline) {
    this.timeline = timeline;
  }

  void failing(boolean fail) {
    failing.set(fail);
  }

  int successfulPuts() {
    return successfulPuts.get();
  }

  int failedPuts() {
    return failedPuts.get();
  }

  @Override
  public void put(PutObject object) throws StoreException {
    if (failing.get()) {
      failedPuts.incrementAndGet();
      throw new StoreException("in-memory store: " + object.key() + ": simulated outage");
    }
    objects.put(object.key(), object);
    successfulPuts.incrementAndGet();
    timeline.record("put:" + object.key());
  }

  @Override
  public Optional<StoredObject> get(String key) throws StoreException {
    if (failing.get()) {
      throw new StoreException("in-memory store: reading " + key + ": simulated outage");
    }
    PutObject o = objects.get(key);
    return o == null ? Optional.empty() : Optional.of(new StoredObject(key, o.content(), o.userMetadata()));
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws StoreException {
    if (failing.get()) {
      throw new StoreException("in-memory store: listing " + prefix + ": simulated outage");
    }
    return objects.tailMap(prefix).entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(prefix))
        .map(e -> new ObjectInfo(e.getKey(), e.getValue().content().length, Instant.EPOCH))
        .toList();
  }

  PutObject object(String key) {
    return objects.get(key);
  }

  /** Every key, in order: the test's own view, which a simulated outage does not affect. */
  List<String> keys() {
    return List.copyOf(objects.keySet());
  }

  @Override
  public String bucket() {
    return "in-memory";
  }

  @Override
  public String describe() {
    return "in-memory test store";
  }

  @Override
  public void close() {}
}
