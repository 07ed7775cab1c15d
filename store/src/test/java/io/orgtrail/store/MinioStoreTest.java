package io.orgtrail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.messages.ObjectLockConfiguration;
import io.orgtrail.testkit.MinioExtension;
import io.orgtrail.testkit.MinioServer;
import io.orgtrail.testkit.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MinioStoreTest extends ObjectStoreContract {
  @RegisterExtension static MinioExtension minio = new MinioExtension();

  @Override
  protected ObjectStore newStore() {
    return storeFor(uniqueBucket()).build();
  }

  private static MinioStore.Builder storeFor(String bucket) {
    MinioServer server = minio.server();
    return MinioStore.builder()
        .endpoint(server.endpoint())
        .credentials(server.accessKey(), server.secretKey())
        .bucket(bucket);
  }

  private static String uniqueBucket() {
    return "t-" + UUID.randomUUID();
  }

  private static boolean bucketExists(String bucket) throws Exception {
    return minio.server().newClient().bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
  }

  @Test
  void createsTheBucketOnFirstUse() throws Exception {
    String bucket = uniqueBucket();
    try (MinioStore store = storeFor(bucket).region("us-east-1").build()) {
      assertThat(bucketExists(bucket)).isFalse();

      store.put(new PutObject("first", bytes("1"), "text/plain", null, Map.of()));

      assertThat(bucketExists(bucket)).isTrue();
      assertThat(store.get("first")).isPresent();
      assertThat(store.describe()).isEqualTo("minio " + minio.server().endpoint() + "/" + bucket);
    }
  }

  @Test
  void processesRacingToCreateTheBucketAllSucceed() throws Exception {
    String bucket = uniqueBucket();
    int racers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Callable<Void>> opens = IntStream.range(0, racers)
          .<Callable<Void>>mapToObj(i -> () -> {
            try (MinioStore store = storeFor(bucket).build()) {
              go.await();
              store.open();
              store.put(new PutObject("racer-" + i, bytes("x"), "text/plain", null, Map.of()));
            }
            return null;
          })
          .toList();
      List<Future<Void>> results = opens.stream().map(pool::submit).toList();
      go.countDown();
      for (Future<Void> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    try (MinioStore store = storeFor(bucket).build()) {
      assertThat(store.list("racer-")).hasSize(racers);
    }
  }

  @Test
  void uploadsIntoAnObjectLockBucketBecauseEveryPutCarriesContentMd5() throws Exception {
    String bucket = uniqueBucket();
    try (MinioStore store = storeFor(bucket).objectLock(true).build().open()) {
      MinioClient client = minio.server().newClient();
      ObjectLockConfiguration lock =
          client.getObjectLockConfiguration(GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
      assertThat(lock).isNotNull();

      byte[] content = gzip(bytes("{\"Records\":[]}"));
      store.put(new PutObject("locked/log.json.gz", content, "application/json", "gzip", Map.of("sig", "s")));

      assertThat(store.get("locked/log.json.gz").orElseThrow().content()).isEqualTo(content);
      assertThat(client.statObject(StatObjectArgs.builder().bucket(bucket).object("locked/log.json.gz").build())
          .headers().get("Content-Encoding")).isEqualTo("gzip");
    }
  }

  @Test
  void everyUploadIsASinglePutCarryingTheContentMd5OfItsBytes() throws Exception {
    // The SDK adds no Content-MD5 over plain HTTP (and this MinIO accepts Object Lock uploads without it, unlike
    // S3), so the header is checked on the wire, between the store and the real server.
    byte[] small = gzip(bytes("{\"Records\":[]}"));
    byte[] large = new byte[6 * 1024 * 1024 + 17]; // above the SDK's 5 MiB multipart threshold
    new Random(42).nextBytes(large);
    String bucket = uniqueBucket();
    try (TcpProxy proxy = TcpProxy.to(minio.server().port());
        MinioStore store = MinioStore.builder().endpoint("http://127.0.0.1:" + proxy.port())
            .credentials(minio.server().accessKey(), minio.server().secretKey()).bucket(bucket).objectLock(true)
            .build()) {
      store.put(new PutObject("small.json.gz", small, "application/json", "gzip", Map.of()));
      store.put(new PutObject("large.bin", large, null, null, Map.of()));
      store.put(new PutObject("small.json.gz", small, "application/json", "gzip", Map.of("again", "yes")));

      String wire = proxy.clientBytes();
      assertThat(requestHeaders(wire, "PUT /" + bucket + "/small.json.gz "))
          .hasSize(2)
          .allSatisfy(headers -> assertThat(headers).containsEntry("content-md5", md5Base64(small)));
      assertThat(requestHeaders(wire, "PUT /" + bucket + "/large.bin "))
          .singleElement()
          .satisfies(headers -> assertThat(headers).containsEntry("content-md5", md5Base64(large)));
      assertThat(wire).doesNotContain("?uploads");
      assertThat(store.get("large.bin").orElseThrow().content()).isEqualTo(large);
    }
  }

  @Test
  void explainsAStoppedServerAndWorksAgainAfterRestart() throws Exception {
    MinioServer server = minio.server();
    String bucket = uniqueBucket();
    String key = "AWSLogs/o-1/111111111111/CloudTrail/us-east-1/2025/01/31/f.json.gz";
    try (MinioStore store = storeFor(bucket).build().open()) {
      server.stop();
      try {
        assertThatThrownBy(() -> store.put(PutObject.gzipJson(key, gzip(bytes("{}")))))
            .isInstanceOf(StoreException.class)
            .hasMessage("MinIO at " + server.endpoint() + " is unreachable (connection refused) while writing s3://"
                + bucket + "/" + key + "; the object was not written");
        assertThatThrownBy(() -> store.get(key))
            .isInstanceOf(StoreException.class)
            .hasMessage("MinIO at " + server.endpoint() + " is unreachable (connection refused) while reading s3://"
                + bucket + "/" + key);
        assertThatThrownBy(() -> store.list("AWSLogs/"))
            .isInstanceOf(StoreException.class)
            .hasMessage("MinIO at " + server.endpoint() + " is unreachable (connection refused) while listing s3://"
                + bucket + "/AWSLogs/*");
      } finally {
        server.start();
      }

      store.put(PutObject.gzipJson(key, gzip(bytes("{}"))));
      assertThat(store.list("AWSLogs/")).extracting(ObjectInfo::key).containsExactly(key);
    }
  }

  @Test
  void explainsWrongCredentials() throws Exception {
    MinioServer server = minio.server();
    try (MinioStore wrongSecret = MinioStore.builder().endpoint(server.endpoint())
            .credentials(server.accessKey(), "not-the-secret").bucket(uniqueBucket()).build();
        MinioStore unknownUser = MinioStore.builder().endpoint(server.endpoint())
            .credentials("nobody", "whatever123").bucket(uniqueBucket()).build()) {
      assertThatThrownBy(() -> wrongSecret.put(new PutObject("k", bytes("x"), "text/plain", null, Map.of())))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("MinIO at " + server.endpoint() + " rejected the secret key")
          .hasMessageContaining("while creating bucket s3://" + wrongSecret.bucket());
      assertThatThrownBy(() -> unknownUser.get("k"))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("MinIO at " + server.endpoint() + " does not know the access key");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutInsteadOfBlocking() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        MinioStore store = MinioStore.builder()
            .endpoint("http://127.0.0.1:" + silent.getLocalPort())
            .credentials("a", "b")
            .bucket("silent")
            .region("us-east-1")
            .readTimeout(Duration.ofMillis(300))
            .build()) {
      Thread acceptor = new Thread(() -> holdConnections(silent), "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.get("k"))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("MinIO at http://127.0.0.1:" + silent.getLocalPort() + " did not answer in time")
          .hasMessageContaining("while creating bucket s3://silent");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void refusesInvalidSettingsClearly() {
    assertThatThrownBy(() -> MinioStore.builder().endpoint("not a url").credentials("a", "b").bucket("ok-bucket")
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MinIO endpoint must be an http(s) URL");
    assertThatThrownBy(() -> MinioStore.builder().endpoint("http://127.0.0.1:9000").credentials("a", "b")
            .bucket("Bad_Bucket").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid bucket name 'Bad_Bucket'");
    assertThatThrownBy(() -> MinioStore.builder().endpoint("http://127.0.0.1:9000").bucket("ok-bucket").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials");
  }

  /** The headers (names lower-cased) of every request whose request line starts with {@code requestLineStart}. */
  private static List<Map<String, String>> requestHeaders(String wire, String requestLineStart) {
    List<Map<String, String>> found = new ArrayList<>();
    for (int at = wire.indexOf(requestLineStart); at >= 0; at = wire.indexOf(requestLineStart, at + 1)) {
      String[] lines = wire.substring(at, wire.indexOf("\r\n\r\n", at)).split("\r\n");
      Map<String, String> headers = new HashMap<>();
      for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      found.add(headers);
    }
    return found;
  }

  private static String md5Base64(byte[] content) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
  }

  private static void holdConnections(ServerSocket server) {
    List<Socket> held = new ArrayList<>();
    try {
      while (true) {
        held.add(server.accept()); // read nothing, answer nothing
      }
    } catch (IOException closed) {
      for (Socket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // the test is over
        }
      }
    }
  }
}
