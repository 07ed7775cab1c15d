package io.orgtrail.aggregator.digest;

import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.SigningKeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's view of the digest key file: created with a first key when missing, and re-read whenever it
 * changes, so that {@code orgtrail admin digest-keys rotate} takes effect without a restart.
 */
public final class DigestKeyRing {
  private static final Logger log = LoggerFactory.getLogger(DigestKeyRing.class);

  private final Path file;
  private SigningKeyRing ring;
  private FileTime loadedVersion;

  private DigestKeyRing(Path file, SigningKeyRing ring, FileTime version) {
    this.file = file;
    this.ring = ring;
    this.loadedVersion = version;
  }

  public static DigestKeyRing open(Path file, Clock clock, SecureRandom random) throws IOException {
    boolean existed = Files.exists(file);
    SigningKeyRing ring = SigningKeyRing.loadOrCreate(file, clock, random);
    if (!existed) {
      log.info("created digest signing key {} in {}; back this file up and keep it private", ring.active().fingerprint(), file);
    }
    return new DigestKeyRing(file, ring, Files.getLastModifiedTime(file));
  }

  /** The key ring as the file says now; a file that became unreadable keeps the last good one in use. */
  public synchronized SigningKeyRing current() {
    try {
      FileTime version = Files.getLastModifiedTime(file);
      if (!version.equals(loadedVersion)) {
        SigningKeyRing next = SigningKeyRing.load(file);
        if (!next.active().fingerprint().equals(ring.active().fingerprint())) {
          log.info("digest signing key rotated: now signing with {}", next.active().fingerprint());
        }
        ring = next;
        loadedVersion = version;
      }
    } catch (IOException | RuntimeException e) {
      log.error("cannot re-read digest key file {} ({}); still signing with key {}", file, e.getMessage(),
          ring.active().fingerprint());
    }
    return ring;
  }

  public List<PublicKeyInfo> publicKeys() {
    return current().publicKeys();
  }

  public Path file() {
    return file;
  }
}
