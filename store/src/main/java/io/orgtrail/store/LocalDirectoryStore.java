package io.orgtrail.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Objects as files under a root directory: key {@code a/b/c.json.gz} is the file {@code root/a/b/c.json.gz}. The
 * embedded default store.
 *
 * <p>A {@link #put} is durable on return: the bytes go to a temp file in the target directory, which is fsynced,
 * atomically renamed into place, and the directory fsynced. Readers therefore never see a partial object. Content
 * type, content encoding and user metadata are kept in a sidecar tree ({@code root/.orgtrail-meta/<key>.json}),
 * written durably before the object is renamed into place, so an object is never visible without its metadata.
 * Listings never show the sidecar tree or temp files.
 */
public final class LocalDirectoryStore implements ObjectStore {
  /** The bucket name a local store gives itself when none is configured. */
  public static final String DEFAULT_BUCKET = "orgtrail";
  static final String METADATA_DIR = LocalKeys.RESERVED_PREFIX + "meta";
  private static final int LOCK_STRIPES = 64;

  private final Path root;
  private final Path realRoot;
  private final String description;
  private final String bucket;
  private final ObjectMapper json = new ObjectMapper();
  // Writes to one key are serialized so that its object and its sidecar always come from the same put.
  private final ReentrantLock[] keyLocks = new ReentrantLock[LOCK_STRIPES];

  /**
   * Opens (creating it if missing) the store rooted at {@code root}.
   *
   * @throws StoreException when root exists but is not a directory, or cannot be created
   */
  public LocalDirectoryStore(Path root) throws StoreException {
    this(root, DEFAULT_BUCKET);
  }

  /**
   * Opens the store rooted at {@code root}, naming itself {@code bucket} in digests, as if it were that S3 bucket.
   *
   * @throws StoreException if {@code root} exists and is not a writable directory
   */
  public LocalDirectoryStore(Path root, String bucket) throws StoreException {
    this.bucket = java.util.Objects.requireNonNull(bucket, "bucket");
    this.root = root.toAbsolutePath().normalize();
    this.description = "local " + this.root;
    if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
      throw new StoreException("cannot use " + this.root + " as a local store: it exists and is not a directory");
    }
    try {
      Files.createDirectories(this.root);
      this.realRoot = this.root.toRealPath();
    } catch (IOException e) {
      throw new StoreException("cannot create the local store directory " + this.root + ": " + reason(e), e);
    }
    for (int i = 0; i < LOCK_STRIPES; i++) {
      keyLocks[i] = new ReentrantLock();
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public void put(PutObject object) throws StoreException {
    String key = object.key();
    LocalKeys.requireSafeKey(key, description);
    Map<String, String> userMetadata = UserMetadata.normalized(object.userMetadata(), key, description);
    Path target = root.resolve(key);
    Path sidecar = sidecarPath(key);
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      if (Files.isDirectory(target)) {
        throw new StoreException("could not write " + key + " to " + description + ": other objects' keys start with "
            + key + "/ (a key cannot be both an object and a prefix of other keys in a local store);"
            + " the object was not written");
      }
      DurableFiles.createDirectories(root, target.getParent());
      requireInsideRoot(target.getParent(), key);
      DurableFiles.createDirectories(root, sidecar.getParent());
      requireInsideRoot(sidecar.getParent(), key);
      byte[] metadata = json.writeValueAsBytes(
          new SidecarMetadata(object.contentType(), object.contentEncoding(), userMetadata));
      DurableFiles.writeAtomically(sidecar, metadata);
      DurableFiles.writeAtomically(target, object.content());
    } catch (IOException e) {
      throw new StoreException("could not write " + key + " to " + description + ": " + reason(e)
          + "; the object was not written", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<StoredObject> get(String key) throws StoreException {
    LocalKeys.requireSafeKey(key, description);
    Path target = root.resolve(key);
    try {
      if (!Files.isRegularFile(target)) {
        return Optional.empty();
      }
      requireInsideRoot(target.getParent(), key);
      byte[] content = Files.readAllBytes(target);
      return Optional.of(new StoredObject(key, content, readSidecar(key).userMetadata()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("could not read " + key + " from " + description + ": " + reason(e), e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws StoreException {
    LocalKeys.requireSafePrefix(prefix, description);
    // Walk only the deepest directory the prefix fully names; its last partial segment is matched by filtering.
    int lastSlash = prefix.lastIndexOf('/');
    Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<ObjectInfo> found = new ArrayList<>();
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return isReserved(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !isReserved(file)) {
            String key = keyOf(file);
            if (key.startsWith(prefix)) {
              found.add(new ObjectInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // a temp file renamed away while we walked
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new StoreException("could not list " + (prefix.isEmpty() ? "everything" : "prefix " + prefix)
          + " in " + description + ": " + reason(e), e);
    }
    found.sort((a, b) -> KeyOrder.UTF8_BINARY.compare(a.key(), b.key()));
    return List.copyOf(found);
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public String describe() {
    return description;
  }

  /** Nothing to release: every operation opens and closes its own files. */
  @Override
  public void close() {}

  private Path sidecarPath(String key) {
    return root.resolve(METADATA_DIR).resolve(key + ".json");
  }

  private SidecarMetadata readSidecar(String key) throws IOException {
    Path sidecar = sidecarPath(key);
    try {
      return json.readValue(Files.readAllBytes(sidecar), SidecarMetadata.class);
    } catch (NoSuchFileException e) {
      // Objects copied into the directory by hand have no sidecar: they simply carry no metadata.
      return new SidecarMetadata(null, null, Map.of());
    }
  }

  private boolean isReserved(Path path) {
    return !path.equals(root) && path.getFileName().toString().startsWith(LocalKeys.RESERVED_PREFIX);
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  /** Key checks keep paths lexically inside root; this also catches a symlinked directory pointing outside. */
  private void requireInsideRoot(Path dir, String key) throws IOException {
    if (!dir.toRealPath().startsWith(realRoot)) {
      throw new IOException("key " + key + " resolves to " + dir.toRealPath() + ", outside the store's root "
          + realRoot + " (through a symbolic link)");
    }
  }

  private ReentrantLock lockFor(String key) {
    return keyLocks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fse) {
      String why = fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
      return why + " (" + fse.getFile() + (fse.getOtherFile() != null ? " -> " + fse.getOtherFile() : "") + ")";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
