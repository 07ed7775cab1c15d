package io.orgtrail.bench.rsyslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The rsyslogd the tests run, which must be installed: a missing one fails the test (never skips it), saying how to
 * install it.
 */
public final class InstalledRsyslogd {
  private InstalledRsyslogd() {}

  /** The checked rsyslogd; {@code scratch} is a directory the check may write to. */
  public static Rsyslogd require(Path scratch) {
    Path binary = Rsyslogd.locate(null, System.getenv()).orElseThrow(() -> new AssertionError(
        "rsyslogd is not installed (not on PATH, not in /usr/sbin), and the rsyslog peer's tests run the real one: "
            + Rsyslogd.INSTALL_HINT));
    try {
      return Rsyslogd.probe(binary, scratch);
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
