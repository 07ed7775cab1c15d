package io.orgtrail.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.credentials.StaticProvider;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects in a bucket of MinIO or any S3-compatible server, through the MinIO Java SDK.
 *
 * <pre>{@code
 * MinioStore store = MinioStore.builder()
 *     .endpoint("http://127.0.0.1:9000")
 *     .credentials(accessKey, secretKey)
 *     .bucket("orgtrail")
 *     .build()
 *     .open(); // creates the bucket if missing; optional, the first operation does it too
 * }</pre>
 *
 * <p>Every upload is a single PUT carrying {@code Content-MD5}, so the server verifies the bytes and buckets with
 * Object Lock (which require it) accept it; a {@link #put} returns once the server has acknowledged the object.
 * HTTP timeouts bound every call. Every failure is a {@link StoreException} naming the endpoint, the bucket, the
 * key and the cause.
 */
public final class MinioStore implements ObjectStore {
  private static final Logger log = LoggerFactory.getLogger(MinioStore.class);
  private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  private static final String USER_METADATA_HEADER_PREFIX = "x-amz-meta-";
  private static final Set<String> BUCKET_ALREADY_THERE = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final MinioClient client;
  private final OkHttpClient http;
  private final String endpoint;
  private final String bucket;
  private final String region;
  private final boolean objectLock;
  private final boolean readOnly;
  private volatile boolean bucketReady;

  private MinioStore(Builder builder) {
    this.endpoint = builder.endpoint;
    this.bucket = builder.bucket;
    this.region = builder.region;
    this.objectLock = builder.objectLock;
    this.readOnly = builder.readOnly;
    // Read-only stores run on narrow credentials (e.g. a member admin's STS session) that may not even HEAD the
    // bucket: they assume it is there and let the first read say otherwise.
    this.bucketReady = builder.readOnly;
    this.http = new OkHttpClient.Builder()
        .connectTimeout(builder.connectTimeout)
        .readTimeout(builder.readTimeout)
        .writeTimeout(builder.writeTimeout)
        .protocols(List.of(Protocol.HTTP_1_1))
        .build();
    MinioClient.Builder client = MinioClient.builder()
        .endpoint(endpoint)
        .credentialsProvider(new StaticProvider(builder.accessKey, builder.secretKey, builder.sessionToken))
        .httpClient(http, true);
    if (region != null) {
      client.region(region);
    }
    this.client = client.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes sure the bucket exists, creating it (with Object Lock when configured) if missing. Safe when several
   * processes race to create it. Optional: the first operation does the same.
   */
  public MinioStore open() throws StoreException {
    ensureBucket();
    return this;
  }

  @Override
  public void put(PutObject object) throws StoreException {
    String key = object.key();
    String action = "writing " + s3Url(key);
    if (readOnly) {
      throw new StoreException("cannot write " + s3Url(key) + ": this MinIO store at " + endpoint
          + " was opened read-only (its credentials are for reading); the object was not written");
    }
    requireValidKey(key, action);
    Map<String, String> userMetadata = UserMetadata.normalized(object.userMetadata(), key, describe());
    ensureBucket();
    byte[] content = object.content();
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-MD5", contentMd5(content));
    if (object.contentEncoding() != null) {
      headers.put("Content-Encoding", object.contentEncoding());
    }
    try {
      retryingBrokenConnection(() -> client.putObject(PutObjectArgs.builder()
          .bucket(bucket)
          .object(key)
          // A part size of at least the object's size keeps it one PUT: Content-MD5 then covers all the bytes.
          .stream(new ByteArrayInputStream(content), content.length, Math.max(MIN_PART_SIZE, content.length))
          .contentType(object.contentType() != null ? object.contentType() : "application/octet-stream")
          .headers(headers)
          .userMetadata(userMetadata)
          .build()));
    } catch (IllegalArgumentException e) {
      throw new StoreException("cannot write " + s3Url(key) + " to MinIO at " + endpoint + ": " + e.getMessage()
          + "; the object was not written", e);
    } catch (Exception e) {
      throw MinioFailures.describe(endpoint, action, MinioFailures.Effect.WRITE, e);
    }
  }

  @Override
  public Optional<StoredObject> get(String key) throws StoreException {
    String action = "reading " + s3Url(key);
    requireValidKey(key, action);
    ensureBucket();
    try {
      return Optional.of(retryingBrokenConnection(() -> read(key)));
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw MinioFailures.describe(endpoint, action, MinioFailures.Effect.NONE, e);
    } catch (IllegalArgumentException e) {
      throw new StoreException("cannot read " + s3Url(key) + " from MinIO at " + endpoint + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw MinioFailures.describe(endpoint, action, MinioFailures.Effect.NONE, e);
    }
  }

  private StoredObject read(String key) throws Exception {
    try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      byte[] content = response.readAllBytes();
      Map<String, String> userMetadata = new HashMap<>();
      for (String name : response.headers().names()) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(USER_METADATA_HEADER_PREFIX)) {
          userMetadata.put(lower.substring(USER_METADATA_HEADER_PREFIX.length()), response.headers().get(name));
        }
      }
      return new StoredObject(key, content, Map.copyOf(userMetadata));
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws StoreException {
    Objects.requireNonNull(prefix, "prefix (use \"\" to list everything)");
    String action = "listing " + s3Url(prefix) + "*";
    ensureBucket();
    List<ObjectInfo> found;
    try {
      found = retryingBrokenConnection(() -> listAll(prefix));
    } catch (Exception e) {
      throw MinioFailures.describe(endpoint, action, MinioFailures.Effect.NONE, e);
    }
    found.sort((a, b) -> KeyOrder.UTF8_BINARY.compare(a.key(), b.key()));
    return List.copyOf(found);
  }

  private List<ObjectInfo> listAll(String prefix) throws Exception {
    List<ObjectInfo> found = new ArrayList<>();
    ListObjectsArgs args = ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build();
    for (Result<Item> result : client.listObjects(args)) {
      Item item = result.get();
      if (!item.isDir()) {
        found.add(new ObjectInfo(item.objectName(), item.size(), item.lastModified().toInstant()));
      }
    }
    return found;
  }

  @Override
  public String describe() {
    return "minio " + endpoint + "/" + bucket + (readOnly ? " (read-only)" : "");
  }

  /** The underlying SDK client, for what the store does not offer (e.g. bucket policies in tests). */
  public MinioClient client() {
    return client;
  }

  public String endpoint() {
    return endpoint;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public void close() throws IOException {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("could not close the MinIO client for " + describe() + ": " + e.getMessage(), e);
    }
  }

  private void ensureBucket() throws StoreException {
    if (bucketReady) {
      return;
    }
    synchronized (this) {
      if (bucketReady) {
        return;
      }
      String action = "creating bucket s3://" + bucket;
      try {
        if (!retryingBrokenConnection(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))) {
          MakeBucketArgs.Builder make = MakeBucketArgs.builder().bucket(bucket).objectLock(objectLock);
          if (region != null) {
            make.region(region);
          }
          retryingBrokenConnection(() -> {
            client.makeBucket(make.build());
            return null;
          });
          log.info("created bucket s3://{} at {}{}", bucket, endpoint, objectLock ? " with Object Lock" : "");
        }
      } catch (ErrorResponseException e) {
        // Another process created it between our check and our create: that is what we wanted.
        if (!BUCKET_ALREADY_THERE.contains(e.errorResponse().code())) {
          throw MinioFailures.describe(endpoint, action, MinioFailures.Effect.NONE, e);
        }
      } catch (Exception e) {
        throw MinioFailures.describe(endpoint, action, MinioFailures.Effect.NONE, e);
      }
      bucketReady = true;
    }
  }

  /**
   * Runs an S3 call, once more on a fresh connection when the first failed on a broken one. A pooled keep-alive
   * connection dies silently when MinIO restarts; without this, the first call after every restart would fail.
   * Every call we make is idempotent (a PUT writes the same bytes to the same key). Timeouts are not retried:
   * that would double the time a caller waits on a dead server.
   */
  private <T> T retryingBrokenConnection(SdkCall<T> call) throws Exception {
    try {
      return call.run();
    } catch (IOException e) {
      if (!MinioFailures.isBrokenConnection(e)) {
        throw e;
      }
      log.debug("connection to {} broke ({}); retrying once on a new connection", endpoint, e.toString());
      http.connectionPool().evictAll();
      return call.run();
    }
  }

  @FunctionalInterface
  private interface SdkCall<T> {
    T run() throws Exception;
  }

  private void requireValidKey(String key, String action) throws StoreException {
    if (key == null || key.isEmpty()) {
      throw new StoreException("cannot do " + action + " at MinIO " + endpoint + ": the object key is empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > KeyRules.MAX_KEY_BYTES) {
      throw new StoreException("cannot do " + action + " at MinIO " + endpoint + ": the object key is longer than "
          + KeyRules.MAX_KEY_BYTES + " bytes (UTF-8), the S3 limit");
    }
  }

  private String s3Url(String key) {
    return "s3://" + bucket + "/" + key;
  }

  private static String contentMd5(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
    }
  }

  /** Settings of a {@link MinioStore}: endpoint, credentials and bucket are required. */
  public static final class Builder {
    private String endpoint;
    private String accessKey;
    private String secretKey;
    private String sessionToken;
    private boolean readOnly;
    private String bucket;
    private String region;
    private boolean objectLock;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration writeTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** E.g. {@code http://127.0.0.1:9000} or {@code https://minio.example.com}. */
    public Builder endpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
      return this;
    }

    public Builder credentials(String accessKey, String secretKey) {
      this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
      return this;
    }

    /** The session token of temporary credentials (from STS AssumeRole); null for a user's own keys. */
    public Builder sessionToken(String sessionToken) {
      this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
      return this;
    }

    /**
     * A store that only reads: it never creates or checks the bucket (narrow credentials may not be allowed to) and
     * refuses every {@code put}.
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder bucket(String bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    /** The bucket's region; when unset the SDK asks the server. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Whether a bucket this store creates gets Object Lock (WORM) enabled; ignored for an existing bucket. */
    public Builder objectLock(boolean objectLock) {
      this.objectLock = objectLock;
      return this;
    }

    /** Default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
      return this;
    }

    /** Longest wait for response bytes; default 60 s. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = requirePositive(readTimeout, "readTimeout");
      return this;
    }

    /** Longest wait for the server to take request bytes; default 60 s. */
    public Builder writeTimeout(Duration writeTimeout) {
      this.writeTimeout = requirePositive(writeTimeout, "writeTimeout");
      return this;
    }

    /**
     * A store that has not contacted the server yet.
     *
     * @throws IllegalArgumentException when a required setting is missing or invalid
     */
    public MinioStore build() {
      if (endpoint == null || HttpUrl.parse(endpoint) == null) {
        throw new IllegalArgumentException("MinIO endpoint must be an http(s) URL like http://127.0.0.1:9000, got "
            + (endpoint == null ? "none" : "'" + endpoint + "'"));
      }
      if (accessKey == null || accessKey.isEmpty() || secretKey == null || secretKey.isEmpty()) {
        throw new IllegalArgumentException("MinIO credentials (access key and secret key) are required for "
            + endpoint);
      }
      if (bucket == null || !BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
        throw new IllegalArgumentException("invalid bucket name " + (bucket == null ? "(none)" : "'" + bucket + "'")
            + ": use 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
      }
      return new MinioStore(this);
    }

    private static Duration requirePositive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}
