package io.orgtrail.agent.witness;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.layout.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest signed head of each of this agent's account's digest chains, one file per region
 * ({@code <dir>/<account>_<region>.json}), as the aggregator's acknowledgements bring them. Given to
 * {@code orgtrail validate-logs --witness <dir>}, they show digests deleted from the tail of a chain.
 */
public final class ChainHeadKeeper implements Consumer<List<io.orgtrail.proto.v1.ChainHead>> {
  private static final Logger log = LoggerFactory.getLogger(ChainHeadKeeper.class);

  private final Path dir;
  private final String accountId;
  private final Map<String, Instant> newest = new HashMap<>();
  private long kept;

  public ChainHeadKeeper(Path dir, String accountId) {
    this.dir = dir;
    this.accountId = accountId;
  }

  public Path directory() {
    return dir;
  }

  /** How many heads were kept (written) in this run. */
  public synchronized long kept() {
    return kept;
  }

  @Override
  public synchronized void accept(List<io.orgtrail.proto.v1.ChainHead> heads) {
    for (io.orgtrail.proto.v1.ChainHead h : heads) {
      try {
        keep(h);
      } catch (IOException | RuntimeException e) {
        log.warn("cannot keep the digest chain head {} as a witness in {}: {}", h.getDigestS3Object(), dir,
            e.getMessage());
      }
    }
  }

  private void keep(io.orgtrail.proto.v1.ChainHead h) throws IOException {
    // Only our own account's chains, under a file name we build from validated parts.
    if (!accountId.equals(h.getAccountId()) || !Region.isValid(h.getRegion())) {
      log.warn("ignoring a chain head for {}/{}: this agent witnesses account {} only", h.getAccountId(),
          h.getRegion(), accountId);
      return;
    }
    Instant end;
    try {
      end = Instant.parse(h.getDigestEndTime());
    } catch (DateTimeParseException e) {
      log.warn("ignoring a chain head with end time '{}': not an ISO-8601 time", h.getDigestEndTime());
      return;
    }
    Path file = dir.resolve(accountId + "_" + h.getRegion() + ".json");
    Instant known = newest.computeIfAbsent(h.getRegion(), r -> storedEnd(file));
    if (known != null && !end.isAfter(known)) {
      return;
    }
    Files.createDirectories(dir);
    new ChainHead(h.getAccountId(), h.getRegion(), h.getDigestS3Bucket(), h.getDigestS3Object(),
        h.getDigestEndTime(), h.getDigestHashValue(), h.getSignature(),
        h.getPreviousSignature().isEmpty() ? null : h.getPreviousSignature(), h.getFingerprint())
        .write(file);
    newest.put(h.getRegion(), end);
    kept++;
  }

  private static Instant storedEnd(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return ChainHead.read(file).endTime();
    } catch (IOException | RuntimeException e) {
      log.warn("replacing unreadable witness file {}: {}", file, e.getMessage());
      return null;
    }
  }
}
