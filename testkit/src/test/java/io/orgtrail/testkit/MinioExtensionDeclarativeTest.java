package io.orgtrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MinioExtension.class)
class MinioExtensionDeclarativeTest {

  @BeforeAll
  static void createBucket(MinioServer server) throws Exception {
    server.newClient().makeBucket(MakeBucketArgs.builder().bucket("declared").build());
  }

  @Test
  void injectsTheRunningServerOfTheClass(MinioServer server) throws Exception {
    assertThat(server.isRunning()).isTrue();
    assertThat(server.newClient().bucketExists(BucketExistsArgs.builder().bucket("declared").build())).isTrue();
  }
}
