package io.orgtrail.agent;

/** Where a server of the agent listens; port 0 asks the system for a free port. */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("listen host must not be empty; use 127.0.0.1 or 0.0.0.0");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listen port must be 0 to 65535, got " + port);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
