package io.orgtrail.cli;

/** What orgtrail's exit codes mean; scripts may rely on them. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The command ran and what it was asked to do failed (delivery incomplete, a store unreachable, ...). */
  public static final int FAILED = 1;
  /** Wrong usage: an unknown option, an invalid value, a configuration file that does not parse. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
