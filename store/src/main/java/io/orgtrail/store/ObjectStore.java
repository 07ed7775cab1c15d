package io.orgtrail.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where log and digest files go. Two implementations: {@link LocalDirectoryStore} (the embedded default) and
 * {@link MinioStore} (any S3-compatible endpoint through the MinIO Java SDK).
 *
 * <p>A {@link #put} that returns normally is durable: the bytes survive a crash of this process and of the
 * machine (fsync on the local store; the S3 server's acknowledgement on MinIO). Callers acknowledge data to agents
 * only after that.
 */
public interface ObjectStore extends AutoCloseable {

  /** Writes an object. Fails with {@link StoreException} (never silently) when it is not durable. */
  void put(PutObject object) throws StoreException;

  /** Reads an object, or empty when there is none at that key. */
  Optional<StoredObject> get(String key) throws StoreException;

  /** Every object whose key starts with {@code prefix}, at any depth, in key order. */
  List<ObjectInfo> list(String prefix) throws StoreException;

  /**
   * The bucket name digests and log file entries name ({@code digestS3Bucket}, {@code s3Bucket}): the MinIO bucket,
   * or the name a local store was given.
   */
  String bucket();

  /** A short description for logs and messages, e.g. {@code minio http://127.0.0.1:9000/orgtrail}. */
  String describe();

  @Override
  void close() throws IOException;
}
