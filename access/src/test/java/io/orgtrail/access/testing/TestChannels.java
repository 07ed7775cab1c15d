package io.orgtrail.access.testing;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.orgtrail.access.pki.TlsMaterial;
import java.io.IOException;
import java.nio.file.Path;

/** Raw gRPC channels to a local access server, for what {@code AccessClient} would not do. */
public final class TestChannels {
  private TestChannels() {}

  /** Mutual TLS with {@code client.pem}/{@code client-key.pem}/{@code ca.pem} in {@code identityDir}. */
  public static ManagedChannel mutualTls(int port, Path identityDir) throws IOException {
    TlsMaterial tls = TlsMaterial.fromDirectory(identityDir, "client");
    return Grpc.newChannelBuilderForAddress("localhost", port, TlsChannelCredentials.newBuilder()
        .keyManager(tls.keyManagers()).trustManager(tls.trustManagers()).build()).build();
  }

  /** TLS that trusts the server but presents no client certificate. */
  public static ManagedChannel tlsWithoutClientCertificate(int port, Path caFile) throws IOException {
    return Grpc.newChannelBuilderForAddress("localhost", port,
        TlsChannelCredentials.newBuilder().trustManager(caFile.toFile()).build()).build();
  }

  public static ManagedChannel plaintext(int port) {
    return Grpc.newChannelBuilderForAddress("localhost", port, InsecureChannelCredentials.create()).build();
  }
}
