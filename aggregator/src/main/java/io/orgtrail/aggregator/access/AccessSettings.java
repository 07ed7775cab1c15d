package io.orgtrail.aggregator.access;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the aggregator serves read access ({@code orgtrail.v1.Access}) over mutual TLS.
 *
 * @param host address to bind
 * @param port port, 0 for any free one
 * @param certificate the server's certificate chain (PEM), issued by {@code orgtrail admin issue-cert --server}
 * @param privateKey its private key (PKCS#8 PEM)
 * @param clientCa the organization's CA certificate (PEM): only client certificates it signed are accepted
 */
public record AccessSettings(String host, int port, Path certificate, Path privateKey, Path clientCa) {
  public AccessSettings {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("access port " + port + " is not valid: use 0 (any free port) to 65535");
    }
    if (certificate == null || privateKey == null || clientCa == null) {
      throw new IllegalArgumentException("read access needs the server certificate, its private key and the "
          + "organization's CA certificate: create them with 'orgtrail admin ca init' and "
          + "'orgtrail admin issue-cert --server'");
    }
  }
}
