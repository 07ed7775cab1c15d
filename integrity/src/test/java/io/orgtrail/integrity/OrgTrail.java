package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.SigningKeyRing.SigningKey;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small organization trail written into a real store: three chains (two accounts, two regions), four periods of
 * ten minutes each, two log files per period except the last period of one chain, which has none.
 */
final class OrgTrail {
  static final String ORG = "o-a1b2c3d4e5";
  static final TrailName TRAIL = new TrailName("org-trail", "us-east-1", "999988887777");
  static final TrailLayout LAYOUT = new TrailLayout("audit", ORG);
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  static final Duration PERIOD = Duration.ofMinutes(10);
  static final int PERIODS = 4;
  static final ChainId A_EAST = new ChainId("111122223333", "us-east-1");
  static final ChainId A_WEST = new ChainId("111122223333", "eu-west-1");
  static final ChainId B_EAST = new ChainId("444455556666", "us-east-1");

  /** Removes an object; the ObjectStore interface has no delete, each test store does it its own way. */
  interface Deleter {
    void delete(String key) throws Exception;
  }

  final ObjectStore store;
  final Deleter deleter;
  final Map<ChainId, ChainWriter> chains = new LinkedHashMap<>();

  private OrgTrail(ObjectStore store, Deleter deleter) {
    this.store = store;
    this.deleter = deleter;
  }

  /** Writes the three chains, every digest signed with {@code key}. */
  static OrgTrail write(ObjectStore store, Deleter deleter, SigningKey key) throws StoreException {
    OrgTrail org = new OrgTrail(store, deleter);
    SplittableRandom random = new SplittableRandom(42);
    for (ChainId chain : List.of(A_EAST, A_WEST, B_EAST)) {
      ChainWriter writer = org.writer(chain, random);
      for (int i = 0; i < PERIODS; i++) {
        int files = chain.equals(A_WEST) && i == PERIODS - 1 ? 0 : 2;
        writer.period(start(i), start(i + 1), key, files);
      }
    }
    return org;
  }

  /** An empty trail, for tests that write their own chains. */
  static OrgTrail empty(ObjectStore store, Deleter deleter) {
    return new OrgTrail(store, deleter);
  }

  ChainWriter writer(ChainId chain, java.util.random.RandomGenerator random) {
    return chains.computeIfAbsent(chain, c -> new ChainWriter(store, LAYOUT, TRAIL, c, random));
  }

  ChainWriter chain(ChainId chain) {
    return chains.get(chain);
  }

  static Instant start(int period) {
    return T0.plus(PERIOD.multipliedBy(period));
  }

  /** The whole trail: [T0, end of the last period]. */
  static ValidationRequest request() {
    return ValidationRequest.all(T0, start(PERIODS));
  }

  LogValidator.Builder validator(List<PublicKeyInfo> keys) {
    return LogValidator.builder().store(store).layout(LAYOUT).trail(TRAIL).publicKeys(keys);
  }

  void delete(String key) throws Exception {
    deleter.delete(key);
  }

  StoredObject get(String key) throws StoreException {
    return store.get(key).orElseThrow(() -> new AssertionError("no object " + key));
  }

  /** Replaces an object's bytes, keeping its metadata. */
  void replace(String key, byte[] content) throws StoreException {
    StoredObject old = get(key);
    store.put(new PutObject(key, content, "application/json", "gzip", old.userMetadata()));
  }

  /** Replaces an object's metadata, keeping its bytes. */
  void setMetadata(String key, Map<String, String> metadata) throws StoreException {
    store.put(new PutObject(key, get(key).content(), "application/json", "gzip", metadata));
  }

  void copy(String from, String to) throws StoreException {
    StoredObject o = get(from);
    store.put(new PutObject(to, o.content(), "application/json", "gzip", o.userMetadata()));
  }
}
