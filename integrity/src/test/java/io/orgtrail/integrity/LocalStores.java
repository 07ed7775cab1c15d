package io.orgtrail.integrity;

import io.orgtrail.store.LocalDirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deleting from a LocalDirectoryStore: the object's file and its metadata sidecar. */
final class LocalStores {
  private LocalStores() {}

  static OrgTrail.Deleter deleter(LocalDirectoryStore store) {
    Path root = store.root();
    return key -> {
      Files.delete(root.resolve(key));
      Files.deleteIfExists(root.resolve(".orgtrail-meta").resolve(key + ".json"));
    };
  }
}
