package io.orgtrail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalDirectoryStoreTest extends ObjectStoreContract {
  @TempDir Path tmp;

  @Override
  protected ObjectStore newStore() throws StoreException {
    return new LocalDirectoryStore(tmp.resolve("store"));
  }

  private Path root() {
    return ((LocalDirectoryStore) store).root();
  }

  static Stream<Arguments> unsafeKeys() {
    return Stream.of(
        Arguments.of("", "it is empty"),
        Arguments.of("/etc/passwd", "it is absolute"),
        Arguments.of("../outside", "'..' segment"),
        Arguments.of("a/../../outside", "'..' segment"),
        Arguments.of("a/./b", "'.' segment"),
        Arguments.of("a//b", "empty segment"),
        Arguments.of("a/", "ends with '/'"),
        Arguments.of("a\\b", "backslash"),
        Arguments.of("a\u0000b", "NUL character at index 1"),
        Arguments.of("a\nb", "control character U+000A at index 1"),
        Arguments.of("a\u007fb", "control character U+007F"),
        Arguments.of(".orgtrail-meta/a.json", "reserves for its own files"),
        Arguments.of("a/.orgtrail-tmp-123.part", "reserves for its own files"),
        Arguments.of("a/" + "x".repeat(256), "segment is longer than 255 bytes"),
        Arguments.of("a/".repeat(520), "longer than 1024 bytes"),
        Arguments.of("bad\uD800surrogate", "unpaired UTF-16 surrogate"));
  }

  @ParameterizedTest
  @MethodSource("unsafeKeys")
  void refusesUnsafeKeysOnEveryOperation(String key, String why) throws Exception {
    assertThatThrownBy(() -> store.put(new PutObject(key, bytes("x"), "text/plain", null, Map.of())))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("unsafe object key ")
        .hasMessageContaining(why)
        .hasMessageContaining(store.describe());
    assertThatThrownBy(() -> store.get(key)).isInstanceOf(StoreException.class).hasMessageContaining(why);
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../", "/abs", "a//", "a/../", ".orgtrail-meta/", "a\\"})
  void refusesUnsafePrefixes(String prefix) {
    assertThatThrownBy(() -> store.list(prefix))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("unsafe object key ");
  }

  @Test
  void refusesAKeyThatEscapesThroughASymbolicLink() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(root().resolve("link"), outside);

    assertThatThrownBy(() -> store.put(new PutObject("link/x", bytes("x"), "text/plain", null, Map.of())))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("outside the store's root")
        .hasMessageContaining("the object was not written");
    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void keepsObjectsAsFilesAndMetadataInASidecarTree() throws Exception {
    String key = "AWSLogs/o-1/111111111111/CloudTrail/us-east-1/2025/01/31/f.json.gz";
    byte[] content = gzip(bytes("{\"Records\":[]}"));

    store.put(new PutObject(key, content, "application/json", "gzip", Map.of("Signature", "abc")));

    assertThat(root().resolve(key)).hasBinaryContent(content);
    JsonNode sidecar = new ObjectMapper().readTree(root().resolve(".orgtrail-meta").resolve(key + ".json").toFile());
    assertThat(sidecar.get("contentType").asText()).isEqualTo("application/json");
    assertThat(sidecar.get("contentEncoding").asText()).isEqualTo("gzip");
    assertThat(sidecar.get("userMetadata").get("signature").asText()).isEqualTo("abc");
    try (Stream<Path> files = Files.walk(root())) {
      assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.contains("orgtrail-tmp"));
    }
  }

  @Test
  void listingHidesSidecarsAndLeftoverTempFiles() throws Exception {
    store.put(new PutObject("a/b.json", bytes("{}"), "application/json", null, Map.of("k", "v")));
    // What a crash between writing and renaming leaves behind.
    Files.write(root().resolve("a/.orgtrail-tmp-12345.part"), bytes("partial"));

    assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a/b.json");
    assertThat(store.list(".")).isEmpty();
    assertThat(store.list(".orgtrail-")).isEmpty();
    assertThat(store.list("a/.")).isEmpty();
  }

  @Test
  void readsAFilePlacedByHandWithoutMetadata() throws Exception {
    Files.createDirectories(root().resolve("manual"));
    Files.write(root().resolve("manual/file.json"), bytes("{}"));

    StoredObject read = store.get("manual/file.json").orElseThrow();

    assertThat(read.content()).isEqualTo(bytes("{}"));
    assertThat(read.userMetadata()).isEmpty();
    assertThat(store.list("manual/")).extracting(ObjectInfo::key).containsExactly("manual/file.json");
  }

  @Test
  void explainsAKeyThatIsBothAnObjectAndAPrefix() throws Exception {
    store.put(new PutObject("a/b", bytes("object"), "text/plain", null, Map.of()));

    assertThatThrownBy(() -> store.put(new PutObject("a/b/c", bytes("x"), "text/plain", null, Map.of())))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("could not write a/b/c to " + store.describe())
        .hasMessageContaining("an object already exists where a directory is needed");
    assertThat(store.get("a/b").orElseThrow().content()).isEqualTo(bytes("object"));
    assertThatThrownBy(() -> store.put(new PutObject("a", bytes("x"), "text/plain", null, Map.of())))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not write a to " + store.describe() + ": other objects' keys start with a/ (a key cannot"
            + " be both an object and a prefix of other keys in a local store); the object was not written");
    assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a/b");
  }

  @Test
  void refusesARootThatIsAFile() throws Exception {
    Path file = Files.write(tmp.resolve("not-a-dir"), bytes("x"));

    assertThatThrownBy(() -> new LocalDirectoryStore(file))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot use " + file + " as a local store: it exists and is not a directory");
  }

  @Test
  void concurrentWritersAllLand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String key = "day/" + (i % 3) + "/obj-" + i;
        keys.add(key);
        writes.add(pool.submit(() -> {
          store.put(new PutObject(key, bytes(key), "text/plain", null, Map.of("n", key)));
          return null;
        }));
      }
      for (Future<?> write : writes) {
        write.get();
      }

      assertThat(store.list("day/")).extracting(ObjectInfo::key).containsExactlyElementsOf(sortedByUtf8(keys));
      for (String key : keys) {
        assertThat(store.get(key).orElseThrow().userMetadata()).containsEntry("n", key);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
