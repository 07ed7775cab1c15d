package io.orgtrail.cli.config;

import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import java.nio.file.Path;
import java.util.Map;

/** Opens the store a configuration names. */
public final class Stores {
  private Stores() {}

  public static ObjectStore open(StoreSettings s, Path defaultDir, Map<String, String> env) throws StoreException {
    String type = s.type() == null ? "local" : s.type();
    switch (type) {
      case "local":
        return new LocalDirectoryStore(s.dir() == null ? defaultDir : Path.of(s.dir()),
            s.bucket() == null ? LocalDirectoryStore.DEFAULT_BUCKET : s.bucket());
      case "minio":
        String endpoint = require(s.endpoint(), "store.endpoint", "http://127.0.0.1:9000");
        String access = s.accessKey() != null ? s.accessKey() : env.get("ORGTRAIL_MINIO_ACCESS_KEY");
        String secret = s.secretKey() != null ? s.secretKey() : env.get("ORGTRAIL_MINIO_SECRET_KEY");
        if (access == null || secret == null) {
          throw new ConfigException(
              "store type minio needs credentials: set store.accessKey and store.secretKey, or the environment "
                  + "variables ORGTRAIL_MINIO_ACCESS_KEY and ORGTRAIL_MINIO_SECRET_KEY");
        }
        return MinioStore.builder()
            .endpoint(endpoint)
            .credentials(access, secret)
            .bucket(s.bucket() == null ? "orgtrail" : s.bucket())
            .region(s.region() == null ? "us-east-1" : s.region())
            .build();
      default:
        throw new ConfigException("store.type '" + type + "' is not known; use local or minio");
    }
  }

  private static String require(String value, String setting, String example) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(setting + " is required for a minio store (for example " + example + ")");
    }
    return value;
  }
}
