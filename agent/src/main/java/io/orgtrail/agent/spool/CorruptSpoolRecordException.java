package io.orgtrail.agent.spool;

import java.io.IOException;

/** A spool record that does not read back as it was written: wrong length, checksum or content. */
public final class CorruptSpoolRecordException extends IOException {
  public CorruptSpoolRecordException(String message) {
    super(message);
  }
}
