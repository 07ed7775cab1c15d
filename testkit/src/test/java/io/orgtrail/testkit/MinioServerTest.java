package io.orgtrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinioServerTest {
  @TempDir Path tmp;

  @Test
  void startsLiveOnLoopbackAndServesS3() throws Exception {
    try (MinioServer minio = MinioServer.startInTempDir()) {
      assertThat(minio.isRunning()).isTrue();
      assertThat(minio.endpoint()).isEqualTo("http://127.0.0.1:" + minio.port());
      assertThat(minio.consolePort()).isNotEqualTo(minio.port());
      assertThat(acceptsConnections(minio.port())).isTrue();

      MinioClient client = minio.newClient();
      client.makeBucket(MakeBucketArgs.builder().bucket("probe").build());
      assertThat(client.bucketExists(BucketExistsArgs.builder().bucket("probe").build())).isTrue();
      assertThat(minio.logFile()).exists().content().contains("127.0.0.1:" + minio.port());
      assertThat(minio.logFile().getParent()).isEqualTo(minio.dataDir().getParent());
    }
  }

  @Test
  void restartsOnTheSamePortWithTheSameDataAfterStopAndAfterKill() throws Exception {
    try (MinioServer minio = MinioServer.startIn(tmp.resolve("data"))) {
      String endpoint = minio.endpoint();
      MinioClient client = minio.newClient();
      client.makeBucket(MakeBucketArgs.builder().bucket("keep").build());
      put(client, "keep", "a.txt", "hello");

      minio.stop();
      assertThat(minio.isRunning()).isFalse();
      assertThat(acceptsConnections(minio.port())).isFalse();

      minio.start();
      assertThat(minio.endpoint()).isEqualTo(endpoint);
      assertThat(read(client, "keep", "a.txt")).isEqualTo("hello");

      minio.kill();
      assertThat(minio.isRunning()).isFalse();
      assertThat(acceptsConnections(minio.port())).isFalse();

      minio.start();
      assertThat(minio.endpoint()).isEqualTo(endpoint);
      assertThat(read(client, "keep", "a.txt")).isEqualTo("hello");
    }
  }

  @Test
  void closeDeletesItsOwnTempDirectoryButKeepsAGivenOne() {
    MinioServer temporary = MinioServer.startInTempDir();
    Path tempData = temporary.dataDir();
    temporary.close();
    assertThat(tempData.getParent()).doesNotExist();

    MinioServer given = MinioServer.startIn(tmp.resolve("kept"));
    given.close();
    assertThat(tmp.resolve("kept")).isDirectory();
    assertThat(given.isRunning()).isFalse();
  }

  @Test
  void startFailureShowsTheProcessOutput() throws IOException {
    Path fake = fakeBinary("echo 'FATAL pretend the disk is on fire'; echo 'second line' >&2; exit 3");
    MinioServer server = MinioServer.builder().binary(fake).dataDir(tmp.resolve("data")).build();

    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code 3 before " + server.endpoint() + " became ready")
        .hasMessageContaining("FATAL pretend the disk is on fire")
        .hasMessageContaining("second line");
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void startTimeoutKillsTheProcessAndShowsItsOutput() throws IOException {
    Path fake = fakeBinary("echo 'starting very slowly'; exec sleep 60");
    MinioServer server = MinioServer.builder().binary(fake).dataDir(tmp.resolve("data"))
        .startTimeout(Duration.ofMillis(500)).build();

    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("timed out after 500 ms waiting for: MinIO at " + server.endpoint())
        .hasMessageContaining("starting very slowly");
    assertThat(server.isRunning()).isFalse();
  }

  private Path fakeBinary(String script) throws IOException {
    Path fake = tmp.resolve("fake-minio");
    Files.writeString(fake, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    return fake;
  }

  private static void put(MinioClient client, String bucket, String key, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
  }

  private static String read(MinioClient client, String bucket, String key) throws Exception {
    try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean acceptsConnections(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (ConnectException refused) {
      return false;
    }
  }
}
