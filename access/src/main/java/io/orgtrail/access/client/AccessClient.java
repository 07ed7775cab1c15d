package io.orgtrail.access.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.orgtrail.access.pki.OrgCertificateAuthority;
import io.orgtrail.access.pki.TlsMaterial;
import io.orgtrail.proto.v1.AccessGrpc;
import io.orgtrail.proto.v1.CallerIdentity;
import io.orgtrail.proto.v1.GetObjectRequest;
import io.orgtrail.proto.v1.ListObjectsRequest;
import io.orgtrail.proto.v1.ListObjectsResponse;
import io.orgtrail.proto.v1.ObjectChunk;
import io.orgtrail.proto.v1.ObjectSummary;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.ReadAccessRequest;
import io.orgtrail.proto.v1.WhoAmIRequest;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A client of the access service, authenticated by a client certificate from the organization's CA (mutual TLS;
 * the server's certificate must chain to the same CA).
 *
 * <pre>{@code
 * try (AccessClient access = AccessClient.builder()
 *     .target("aggregator.internal:8443")
 *     .identity(Path.of("~/.orgtrail/alice"))   // client.pem, client-key.pem, ca.pem
 *     .build()) {
 *   ReadAccessGrant grant = access.grantReadAccess("111122223333", Duration.ofHours(1));
 *   try (ObjectStore logs = GrantedStore.open(grant, access)) { ... }
 * }
 * }</pre>
 *
 * <p>Every failure is an {@link AccessException} with the gRPC status code and a message for the user.
 */
public final class AccessClient implements AutoCloseable {
  private final String target;
  private final ManagedChannel channel;
  private final Duration timeout;

  private AccessClient(String target, ManagedChannel channel, Duration timeout) {
    this.target = target;
    this.channel = channel;
    this.timeout = timeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Temporary read access to one account's logs, or to every account's ({@code accountId} empty or null; platform
   * role only).
   *
   * @param duration how long it lasts (15 minutes to 12 hours), or null for the server's default of one hour
   */
  public ReadAccessGrant grantReadAccess(String accountId, Duration duration) throws AccessException {
    ReadAccessRequest.Builder request = ReadAccessRequest.newBuilder().setAccountId(accountId == null ? "" : accountId);
    if (duration != null) {
      if (duration.isNegative() || duration.toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("grant duration " + duration + " is out of range; ask for 15 minutes to"
            + " 12 hours");
      }
      request.setDurationSeconds((int) duration.toSeconds());
    }
    try {
      return stub().grantReadAccess(request.build());
    } catch (StatusRuntimeException e) {
      throw CallFailures.describe(e, target);
    }
  }

  /** Every object under {@code prefix} the caller may list, in key order (all pages). */
  public List<ObjectInfo> list(String prefix) throws AccessException {
    List<ObjectInfo> objects = new ArrayList<>();
    String startAfter = "";
    ListObjectsResponse page;
    do {
      page = listPage(prefix, startAfter, 0);
      for (ObjectSummary summary : page.getObjectsList()) {
        objects.add(new ObjectInfo(summary.getKey(), summary.getSize(),
            Instant.ofEpochMilli(summary.getLastModifiedEpochMillis())));
      }
      if (page.getObjectsCount() > 0) {
        startAfter = page.getObjects(page.getObjectsCount() - 1).getKey();
      }
    } while (page.getTruncated() && page.getObjectsCount() > 0);
    return List.copyOf(objects);
  }

  /** One page of a listing: up to {@code maxKeys} (0 for the server's 1,000) keys after {@code startAfter}. */
  public ListObjectsResponse listPage(String prefix, String startAfter, int maxKeys) throws AccessException {
    try {
      return stub().listObjects(ListObjectsRequest.newBuilder()
          .setPrefix(Objects.requireNonNull(prefix, "prefix (use \"\" for the whole bucket)"))
          .setStartAfter(startAfter == null ? "" : startAfter)
          .setMaxKeys(maxKeys)
          .build());
    } catch (StatusRuntimeException e) {
      throw CallFailures.describe(e, target);
    }
  }

  /** The object at {@code key}, or empty when there is none. */
  public Optional<StoredObject> get(String key) throws AccessException {
    Iterator<ObjectChunk> chunks;
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    long size = -1;
    Map<String, String> metadata = Map.of();
    try {
      chunks = stub().getObject(GetObjectRequest.newBuilder().setKey(Objects.requireNonNull(key, "key")).build());
      while (chunks.hasNext()) {
        ObjectChunk chunk = chunks.next();
        if (size < 0) {
          size = chunk.getSize();
          metadata = Map.copyOf(chunk.getUserMetadataMap());
        }
        chunk.getData().writeTo(content);
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw CallFailures.describe(e, target);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    if (size != content.size()) {
      throw new AccessException(Status.Code.DATA_LOSS, "the access service at " + target + " sent " + content.size()
          + " bytes of " + key + " but announced " + size + "; try again", "", null);
    }
    return Optional.of(new StoredObject(key, content.toByteArray(), metadata));
  }

  /** Who the service sees in this client's certificate. */
  public CallerIdentity whoAmI() throws AccessException {
    try {
      return stub().whoAmI(WhoAmIRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw CallFailures.describe(e, target);
    }
  }

  /** E.g. {@code aggregator.internal:8443}. */
  public String target() {
    return target;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
    }
  }

  private AccessGrpc.AccessBlockingStub stub() {
    return AccessGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Options of an {@link AccessClient}: {@code target} and an identity are required. */
  public static final class Builder {
    private String target;
    private Path certificate;
    private Path privateKey;
    private Path ca;
    private String authority;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /** {@code host:port} of the access service. */
    public Builder target(String target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /** {@code client.pem}, {@code client-key.pem} and {@code ca.pem} in a directory written by the CA. */
    public Builder identity(Path dir) {
      return identity(dir.resolve(OrgCertificateAuthority.CLIENT + ".pem"),
          dir.resolve(OrgCertificateAuthority.CLIENT + "-key.pem"),
          dir.resolve(OrgCertificateAuthority.CA_CERTIFICATE));
    }

    /** The client certificate and key (PEM), and the CA the server's certificate must chain to. */
    public Builder identity(Path certificate, Path privateKey, Path ca) {
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      this.ca = Objects.requireNonNull(ca, "ca");
      return this;
    }

    /**
     * The host name to verify the server's certificate against, when it differs from the target's host (e.g. a
     * tunnel); default: the target's host.
     */
    public Builder overrideAuthority(String authority) {
      this.authority = authority;
      return this;
    }

    /** The deadline of each call; default 30 seconds. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Loads the identity and opens a channel (connecting lazily, on the first call).
     *
     * @throws IOException when an identity file is missing or unusable (the message names it)
     */
    public AccessClient build() throws IOException {
      if (target == null || !target.contains(":")) {
        throw new IllegalStateException("target must be host:port of the access service, got " + target);
      }
      if (certificate == null) {
        throw new IllegalStateException("the access service requires a client certificate: call identity(dir) with"
            + " the directory `orgtrail admin issue-cert` wrote (client.pem, client-key.pem, ca.pem)");
      }
      TlsMaterial tls = TlsMaterial.load(certificate, privateKey, ca);
      ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
          .keyManager(tls.keyManagers())
          .trustManager(tls.trustManagers())
          .build();
      ManagedChannelBuilder<?> channel = Grpc.newChannelBuilder(target, credentials);
      if (authority != null) {
        channel.overrideAuthority(authority);
      }
      return new AccessClient(target, channel.build(), timeout);
    }
  }
}
