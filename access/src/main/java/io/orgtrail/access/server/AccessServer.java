package io.orgtrail.access.server;

import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.orgtrail.access.identity.IdentityInterceptor;
import io.orgtrail.access.pki.OrgCertificateAuthority;
import io.orgtrail.access.pki.TlsMaterial;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.store.ObjectStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access service ({@code orgtrail.v1.Access}) over mutual TLS only: a caller must present a client certificate
 * issued by the organization's CA, which names its account and role; the service decides every request with the
 * policy library for that identity.
 *
 * <pre>{@code
 * try (AccessServer access = AccessServer.builder()
 *     .listen("0.0.0.0", 8443)
 *     .tls(dir.resolve("server.pem"), dir.resolve("server-key.pem"), dir.resolve("ca.pem"))
 *     .store(store)
 *     .trailBucket(new TrailBucket(store.bucket(), keyPrefix, orgId))
 *     .trail(trailName)
 *     .credentialIssuer(sts::assumeRole)           // MinIO; leave out on the embedded store
 *     .s3("http://minio.internal:9000", "us-east-1")
 *     .publicKeys(keys::listPublicKeysJson)
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 */
public final class AccessServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessServer.class);
  /** Requests are small (a key, a prefix); nothing legitimate comes near this. */
  private static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024;

  private final String host;
  private final int requestedPort;
  private final TlsMaterial tls;
  private final AccessService service;
  private final Clock clock;
  private final String description;
  private Server server;
  private boolean closed;

  private AccessServer(Builder b, TlsMaterial tls) {
    this.host = b.host;
    this.requestedPort = b.port;
    this.tls = tls;
    this.clock = b.clock;
    this.service = new AccessService(
        new AccessService.Settings(b.store, b.trailBucket, b.trail, b.credentialIssuer, b.s3Endpoint, b.s3Region,
            b.publicKeys, b.issued),
        b.clock);
    this.description = "bucket " + b.trailBucket.bucket() + " (" + b.store.describe() + "), "
        + (b.credentialIssuer != null ? "S3 credentials for " + b.s3Endpoint : "reads through the service");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws IOException when the address cannot be bound
   */
  public synchronized AccessServer start() throws IOException {
    if (server != null || closed) {
      throw new IllegalStateException("the access server was already started; build a new one");
    }
    ServerCredentials credentials = TlsServerCredentials.newBuilder()
        .keyManager(tls.keyManagers())
        .trustManager(tls.trustManagers())
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
        .build();
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress(host, requestedPort), credentials)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .addService(ServerInterceptors.intercept(service, new IdentityInterceptor(clock)))
        .build();
    try {
      s.start();
    } catch (IOException e) {
      throw new IOException("the access service cannot listen on " + host + ":" + requestedPort + " ("
          + e.getMessage() + "); choose another address or port, or stop the process using it", e);
    }
    server = s;
    log.info("access service listening on {}:{} (mutual TLS, server certificate serial {}); {}", host, s.getPort(),
        tls.certificate().getSerialNumber().toString(16), description);
    return this;
  }

  /** The bound port (the actual one after {@code listen(host, 0)}). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the access server is not started; call start() first");
    }
    return server.getPort();
  }

  /** Stops accepting calls, lets running ones finish for up to 5 seconds, then cancels the rest. */
  @Override
  public synchronized void close() {
    closed = true;
    if (server == null) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    server = null;
  }

  /** Options of an {@link AccessServer}: {@code tls}, {@code store} and {@code trailBucket} are required. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8443;
    private Path serverCertificate;
    private Path serverKey;
    private Path clientCa;
    private ObjectStore store;
    private TrailBucket trailBucket;
    private TrailName trail;
    private CredentialIssuer credentialIssuer;
    private String s3Endpoint;
    private String s3Region = "us-east-1";
    private Supplier<String> publicKeys = () -> "";
    private IssuedCredentialsListener issued = IssuedCredentialsListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where to listen; default {@code 0.0.0.0:8443}; port 0 picks a free one (see {@link AccessServer#port()}). */
    public Builder listen(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is out of range 0..65535 (0 picks a free port)");
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /**
     * The server's certificate and key (PEM; the key PKCS#8), and the CA whose client certificates are accepted: the
     * organization's {@code ca.pem}.
     */
    public Builder tls(Path serverCertificate, Path serverKey, Path clientCa) {
      this.serverCertificate = Objects.requireNonNull(serverCertificate, "serverCertificate");
      this.serverKey = Objects.requireNonNull(serverKey, "serverKey");
      this.clientCa = Objects.requireNonNull(clientCa, "clientCa");
      return this;
    }

    /** {@code server.pem}, {@code server-key.pem} and {@code ca.pem} in a directory written by the CA. */
    public Builder tls(Path serverIdentityDir) {
      return tls(serverIdentityDir.resolve(OrgCertificateAuthority.SERVER + ".pem"),
          serverIdentityDir.resolve(OrgCertificateAuthority.SERVER + "-key.pem"),
          serverIdentityDir.resolve(OrgCertificateAuthority.CA_CERTIFICATE));
    }

    /** Where the logs are; ListObjects and GetObject read it (the embedded directory store or MinIO). */
    public Builder store(ObjectStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The trail's bucket, key prefix and org id: what the read policies name. */
    public Builder trailBucket(TrailBucket trailBucket) {
      this.trailBucket = Objects.requireNonNull(trailBucket, "trailBucket");
      return this;
    }

    /** The trail, whose ARN grants carry for validators; optional. */
    public Builder trail(TrailName trail) {
      this.trail = trail;
      return this;
    }

    /**
     * Issues S3 credentials for grants (MinIO's STS); null (the default) means none: grants say to read through
     * ListObjects and GetObject.
     */
    public Builder credentialIssuer(CredentialIssuer credentialIssuer) {
      this.credentialIssuer = credentialIssuer;
      return this;
    }

    /** Told of every set of credentials a grant hands out; default nobody. */
    public Builder onCredentialsIssued(IssuedCredentialsListener listener) {
      this.issued = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The S3 endpoint and region clients use the issued credentials against. Required with a credential issuer. */
    public Builder s3(String endpoint, String region) {
      this.s3Endpoint = Objects.requireNonNull(endpoint, "endpoint");
      this.s3Region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The digest public keys in ListPublicKeys' JSON shape, asked on every grant (keys rotate); default "". */
    public Builder publicKeys(Supplier<String> publicKeys) {
      this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
      return this;
    }

    /** For policy conditions on time, certificate expiry and grant expiry; default the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Checks the options and loads the TLS files.
     *
     * @throws IllegalStateException when a required option is missing or options contradict each other
     * @throws IOException when a TLS file is missing or unusable (the message names it)
     */
    public AccessServer build() throws IOException {
      if (serverCertificate == null) {
        throw new IllegalStateException("the access service needs TLS: call tls(serverCert, serverKey, clientCa)"
            + " with the files `orgtrail admin` issued; it never serves without mutual TLS");
      }
      if (store == null || trailBucket == null) {
        throw new IllegalStateException("the access service needs store(...) and trailBucket(...)");
      }
      if (!store.bucket().equals(trailBucket.bucket())) {
        throw new IllegalStateException("the store's bucket '" + store.bucket() + "' is not the trail bucket '"
            + trailBucket.bucket() + "' the read policies name; configure the same bucket for both");
      }
      if (credentialIssuer != null && s3Endpoint == null) {
        throw new IllegalStateException("with a credential issuer, call s3(endpoint, region): grants must tell"
            + " clients where to use the credentials");
      }
      return new AccessServer(this, TlsMaterial.load(serverCertificate, serverKey, clientCa));
    }
  }
}
