package io.orgtrail.cli.config;

/** A {@code host:port} pair from a flag or config value. */
public record HostPort(String host, int port) {
  public static HostPort parse(String text, String setting) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ConfigException(setting + ": '" + text + "' is not host:port (for example 127.0.0.1:4317)");
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new HostPort(text.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new ConfigException(setting + ": port in '" + text + "' must be a number from 0 to 65535");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
