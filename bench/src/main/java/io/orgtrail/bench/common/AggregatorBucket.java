package io.orgtrail.bench.common;

import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.testkit.MinioServer;
import java.nio.file.Path;

/** The bucket the aggregator under test writes to, opened from the benchmark to read back what was delivered. */
public final class AggregatorBucket {
  private AggregatorBucket() {}

  /**
   * The bucket on {@code minio}, or, without one, in the aggregator's local directory store at {@code localDir}.
   * Read-only on MinIO: the benchmark must not change what it is measuring.
   */
  public static ObjectStore open(MinioServer minio, Path localDir, String bucket) throws StoreException {
    if (minio != null) {
      return MinioStore.builder().endpoint(minio.endpoint()).credentials(minio.accessKey(), minio.secretKey())
          .bucket(bucket).region("us-east-1").readOnly(true).build();
    }
    return new LocalDirectoryStore(localDir, bucket);
  }
}
