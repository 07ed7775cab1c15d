package io.orgtrail.access.client;

import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.util.List;
import java.util.Optional;

/** The embedded store read through the access service: read-only, every call checked by the service. */
final class AccessServiceStore implements ObjectStore {
  private final AccessClient client;
  private final String bucket;

  AccessServiceStore(AccessClient client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  @Override
  public void put(PutObject object) throws StoreException {
    throw new StoreException("cannot write " + object.key() + " to " + describe() + ": the store is read-only (a read"
        + " access grant never allows writing)");
  }

  @Override
  public Optional<StoredObject> get(String key) throws StoreException {
    try {
      return client.get(key);
    } catch (AccessException e) {
      throw new StoreException("cannot read " + key + " through " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws StoreException {
    try {
      return client.list(prefix);
    } catch (AccessException e) {
      throw new StoreException("cannot list " + (prefix.isEmpty() ? "the whole bucket" : "prefix " + prefix)
          + " through " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public String describe() {
    return "orgtrail access service " + client.target() + "/" + bucket + " (read-only)";
  }

  /** The client belongs to whoever opened this store; it stays open. */
  @Override
  public void close() {}
}
