package io.orgtrail.cli.config;

/** A configuration mistake the user can fix; printed without a stack trace, exit code 2. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
