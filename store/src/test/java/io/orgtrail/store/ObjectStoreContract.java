package io.orgtrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.testkit.Datasets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ObjectStore} must do; each implementation's test extends this. */
abstract class ObjectStoreContract {
  private static final String LOG_KEY =
      "AWSLogs/o-abc123defg/111122223333/CloudTrail/us-east-1/2025/01/31/"
          + "111122223333_CloudTrail_us-east-1_20250131T2355Z_AbCdEfGhIjKlMnOp.json.gz";

  protected ObjectStore store;

  /** A new, empty store for one test. */
  protected abstract ObjectStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() throws IOException {
    store.close();
  }

  @Test
  void roundTripsARealLogFileWithItsMetadata() throws Exception {
    byte[] original = Files.readAllBytes(Datasets.invictusFiles().get(0));
    byte[] gzipped = gzip(original);

    store.put(new PutObject(LOG_KEY, gzipped, "application/json", "gzip",
        Map.of("Signature", "c2lnbmF0dXJl", "digest-sha256", "0f1e2d")));

    StoredObject read = store.get(LOG_KEY).orElseThrow();
    assertThat(read.key()).isEqualTo(LOG_KEY);
    assertThat(read.content()).isEqualTo(gzipped);
    assertThat(gunzip(read.content())).isEqualTo(original);
    assertThat(read.userMetadata())
        .containsExactlyInAnyOrderEntriesOf(Map.of("signature", "c2lnbmF0dXJl", "digest-sha256", "0f1e2d"));
  }

  @Test
  void roundTripsAnEmptyObjectWithoutMetadata() throws Exception {
    store.put(new PutObject("empty/object", new byte[0], null, null, Map.of()));

    StoredObject read = store.get("empty/object").orElseThrow();
    assertThat(read.content()).isEmpty();
    assertThat(read.userMetadata()).isEmpty();
  }

  @Test
  void overwriteReplacesContentAndMetadata() throws Exception {
    store.put(new PutObject("k/obj.json", bytes("first version"), "application/json", null, Map.of("a", "1")));
    store.put(new PutObject("k/obj.json", bytes("second"), "application/json", null, Map.of("b", "2")));

    StoredObject read = store.get("k/obj.json").orElseThrow();
    assertThat(read.content()).isEqualTo(bytes("second"));
    assertThat(read.userMetadata()).containsExactlyEntriesOf(Map.of("b", "2"));
    assertThat(store.list("k/")).singleElement()
        .satisfies(info -> assertThat(info.size()).isEqualTo("second".length()));
  }

  @Test
  void missingKeyIsEmpty() throws Exception {
    store.put(PutObject.gzipJson("present/a.json.gz", gzip(bytes("{}"))));

    assertThat(store.get("present/b.json.gz")).isEmpty();
    assertThat(store.get("absent/a.json.gz")).isEmpty();
    assertThat(store.get("present")).isEmpty();
  }

  @Test
  void listsEveryObjectUnderAPrefixAtAnyDepthInKeyOrderWithSizeAndTime() throws Exception {
    List<String> keys = new ArrayList<>(List.of(
        "AWSLogs/o-1/111111111111/CloudTrail/us-east-1/2025/01/31/f1.json.gz",
        "AWSLogs/o-1/111111111111/CloudTrail/us-east-1/2025/02/01/f2.json.gz",
        "AWSLogs/o-1/111111111111/CloudTrail/eu-west-1/2025/01/31/f3.json.gz",
        "AWSLogs/o-1/222222222222/CloudTrail/us-east-1/2025/01/31/f4.json.gz",
        "AWSLogs/o-1/111111111111/CloudTrail-Digest/us-east-1/2025/01/31/d1.json.gz",
        "other/top.json"));
    Collections.shuffle(keys, new Random(7));
    Instant before = Instant.now().minusSeconds(2);
    for (String key : keys) {
      store.put(new PutObject(key, bytes("content of " + key), "application/json", null, Map.of()));
    }
    Instant after = Instant.now().plusSeconds(2);

    List<ObjectInfo> account = store.list("AWSLogs/o-1/111111111111/");

    assertThat(account).extracting(ObjectInfo::key).containsExactly(
        "AWSLogs/o-1/111111111111/CloudTrail-Digest/us-east-1/2025/01/31/d1.json.gz",
        "AWSLogs/o-1/111111111111/CloudTrail/eu-west-1/2025/01/31/f3.json.gz",
        "AWSLogs/o-1/111111111111/CloudTrail/us-east-1/2025/01/31/f1.json.gz",
        "AWSLogs/o-1/111111111111/CloudTrail/us-east-1/2025/02/01/f2.json.gz");
    assertThat(account).allSatisfy(info -> {
      assertThat(info.size()).isEqualTo(bytes("content of " + info.key()).length);
      assertThat(info.lastModified()).isBetween(before, after);
    });
    assertThat(store.list("")).extracting(ObjectInfo::key).containsExactlyElementsOf(sortedByUtf8(keys));
    assertThat(store.list("AWSLogs/o-2/")).isEmpty();
  }

  @Test
  void aPrefixMayEndInTheMiddleOfASegment() throws Exception {
    for (String key : List.of("logs/2025/a", "logs/20250/b", "logs/2024/c", "logs/2025x", "logsX/d")) {
      store.put(new PutObject(key, bytes(key), "text/plain", null, Map.of()));
    }

    assertThat(store.list("logs/2025")).extracting(ObjectInfo::key)
        .containsExactly("logs/2025/a", "logs/20250/b", "logs/2025x");
    assertThat(store.list("logs/2025/")).extracting(ObjectInfo::key).containsExactly("logs/2025/a");
    assertThat(store.list("log")).extracting(ObjectInfo::key)
        .containsExactly("logs/2024/c", "logs/2025/a", "logs/20250/b", "logs/2025x", "logsX/d");
    assertThat(store.list("logs/2025/a")).extracting(ObjectInfo::key).containsExactly("logs/2025/a");
    assertThat(store.list("logs/2026")).isEmpty();
  }

  @Test
  void ordersKeysByTheirUtf8BytesLikeS3() throws Exception {
    // U+FFFD sorts before U+1F600 in UTF-8 but after it in UTF-16 (String.compareTo).
    List<String> keys = List.of("o/a", "o/B", "o/Z", "o/é", "o/\uFFFD", "o/\uD83D\uDE00", "o/a-b", "o/a.b", "o/a0");
    for (String key : keys) {
      store.put(new PutObject(key, bytes(key), "text/plain", null, Map.of()));
    }

    List<String> listed = store.list("o/").stream().map(ObjectInfo::key).toList();

    assertThat(listed).containsExactlyElementsOf(sortedByUtf8(keys));
    assertThat(listed.indexOf("o/\uFFFD")).isLessThan(listed.indexOf("o/\uD83D\uDE00"));
  }

  @Test
  void describesItself() {
    assertThat(store.describe()).isNotBlank();
  }

  static List<String> sortedByUtf8(List<String> keys) {
    return keys.stream()
        .sorted((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] data) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }
}
