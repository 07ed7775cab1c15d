package io.orgtrail.e2e;

import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.testkit.MinioExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

class MinioPipelineTest extends PipelineEndToEndTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();

  @Override
  ObjectStore openStore(Path dir) {
    return MinioStore.builder()
        .endpoint(minio.server().endpoint())
        .credentials(minio.server().accessKey(), minio.server().secretKey())
        .bucket("org-trail")
        .region("us-east-1")
        .build();
  }
}
