package io.orgtrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MinioExtensionTest {
  @RegisterExtension static MinioExtension minio = new MinioExtension();

  @BeforeAll
  static void createBucket() throws Exception {
    minio.server().newClient().makeBucket(MakeBucketArgs.builder().bucket("shared").build());
  }

  @Test
  void startsOneServerForTheClass() throws Exception {
    assertThat(minio.server().isRunning()).isTrue();
    assertThat(minio.server().newClient().bucketExists(BucketExistsArgs.builder().bucket("shared").build()))
        .isTrue();
  }

  @Test
  void resolvesTheServerAsAParameter(MinioServer server) {
    assertThat(server).isSameAs(minio.server());
  }

  @Nested
  class NestedTests {
    @Test
    void shareTheOuterServer() throws Exception {
      assertThat(minio.server().isRunning()).isTrue();
      assertThat(minio.server().newClient().bucketExists(BucketExistsArgs.builder().bucket("shared").build()))
          .isTrue();
    }
  }
}
