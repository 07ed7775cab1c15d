package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.digest.DigestFile;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.digest.SigningKeyRing.SigningKey;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.format.layout.UniqueNames;
import io.orgtrail.format.logfile.LogFile;
import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one (account, region) chain the way the aggregator does (issue 3 contracts): log files made with
 * LogFileAssembler from small CloudTrail-like records, then one signed digest per period chaining to the previous.
 */
final class ChainWriter {
  /** A digest as written, with everything needed to tamper with it or to witness it. */
  record Written(String key, DigestFile file, byte[] json, String signature, String previousSignature,
      String fingerprint) {
    Instant start() {
      return file.digestStartTime();
    }

    Instant end() {
      return file.digestEndTime();
    }

    List<String> logFileKeys() {
      return file.logFiles().stream().map(DigestFile.LogFileEntry::s3Object).toList();
    }
  }

  private final ObjectStore store;
  private final TrailLayout layout;
  private final TrailName trail;
  private final ChainId chain;
  private final RandomGenerator random;
  private final UniqueNames names;
  private final List<Written> digests = new ArrayList<>();
  private boolean newChain = true;

  ChainWriter(ObjectStore store, TrailLayout layout, TrailName trail, ChainId chain, RandomGenerator random) {
    this.store = store;
    this.layout = layout;
    this.trail = trail;
    this.chain = chain;
    this.random = random;
    this.names = new UniqueNames(random);
  }

  ChainId chain() {
    return chain;
  }

  List<Written> digests() {
    return List.copyOf(digests);
  }

  Written digest(int index) {
    return digests.get(index);
  }

  Written newest() {
    return digests.get(digests.size() - 1);
  }

  /** The next digest starts a new chain (previous fields null), as after logging stopped. */
  ChainWriter stopLogging() {
    newChain = true;
    return this;
  }

  /** Delivers {@code logFiles} log files in [start, end) and writes the digest of that period. */
  Written period(Instant start, Instant end, SigningKey key, int logFiles) throws StoreException {
    List<DigestFile.LogFileEntry> entries = new ArrayList<>();
    Duration step = Duration.between(start, end).dividedBy(logFiles + 1);
    for (int i = 1; i <= logFiles; i++) {
      entries.add(deliverLogFile(start.plus(step.multipliedBy(i))));
    }
    Written previous = newChain || digests.isEmpty() ? null : newest();
    newChain = false;
    Written w = writeDigest(start, end, key, entries, previous);
    digests.add(w);
    return w;
  }

  /** Puts a log file delivered at {@code at} (not named by any digest yet); returns its digest entry. */
  DigestFile.LogFileEntry deliverLogFile(Instant at) throws StoreException {
    LogFile file = logFile(at, 2);
    String key = layout.logFileKey(chain.accountId(), chain.region(), at, names.next());
    store.put(PutObject.gzipJson(key, file.gzipped()));
    return new DigestFile.LogFileEntry(store.bucket(), key, file.uncompressedSha256Hex(), file.newestEventTime(),
        file.oldestEventTime());
  }

  /** A fresh log file's bytes with records from just before {@code at}. */
  LogFile logFile(Instant at, int records) {
    LogFileAssembler assembler = new LogFileAssembler();
    for (int i = 0; i < records; i++) {
      Instant eventTime = at.minusSeconds(30L + i).truncatedTo(ChronoUnit.SECONDS);
      String json = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\""
          + chain.accountId() + "\"},\"eventTime\":\"" + eventTime + "\",\"eventSource\":\"s3.amazonaws.com\","
          + "\"eventName\":\"GetObject\",\"awsRegion\":\"" + chain.region() + "\",\"eventID\":\""
          + new UUID(random.nextLong(), random.nextLong()) + "\",\"readOnly\":true,\"recipientAccountId\":\""
          + chain.accountId() + "\"}";
      assembler.add(json.getBytes(StandardCharsets.UTF_8), eventTime);
    }
    return assembler.finish();
  }

  /** Signs and puts a digest exactly as the contracts say the aggregator does. */
  Written writeDigest(Instant start, Instant end, SigningKey key, List<DigestFile.LogFileEntry> entries,
      Written previous) throws StoreException {
    String digestKey = layout.digestKey(chain.accountId(), chain.region(), trail, end);
    Instant newest = entries.stream().map(DigestFile.LogFileEntry::newestEventTime).max(Instant::compareTo)
        .orElse(null);
    Instant oldest = entries.stream().map(DigestFile.LogFileEntry::oldestEventTime).min(Instant::compareTo)
        .orElse(null);
    DigestFile.PreviousDigest prev = previous == null ? null : new DigestFile.PreviousDigest(store.bucket(),
        previous.key(), DigestSignature.sha256Hex(previous.json()), previous.signature());
    DigestFile file = new DigestFile(chain.accountId(), start, end, store.bucket(), digestKey, key.fingerprint(),
        newest, oldest, prev, entries);
    return sign(file, key);
  }

  /** (Re)writes {@code file} signed with {@code key}, chained to the previous signature the file names. */
  Written sign(DigestFile file, SigningKey key) throws StoreException {
    byte[] json = file.toJson();
    String previousSignature = file.previous() == null ? null : file.previous().signature();
    String signature = DigestSignature.sign(key.privateKey(), DigestSignature.stringToSign(endText(file),
        file.digestS3Bucket(), file.digestS3Object(), json, previousSignature));
    store.put(new PutObject(file.digestS3Object(), gzip(json), "application/json", "gzip",
        Map.of("signature", signature, "signature-algorithm", DigestSignature.ALGORITHM)));
    return new Written(file.digestS3Object(), file, json, signature, previousSignature, file.digestPublicKeyFingerprint());
  }

  /** The witness an agent keeps of {@code w}. */
  ChainHead head(Written w) {
    return new ChainHead(chain.accountId(), chain.region(), store.bucket(), w.key(), endText(w.file()),
        DigestSignature.sha256Hex(w.json()), w.signature(), w.previousSignature(), w.fingerprint());
  }

  static String endText(DigestFile file) {
    return file.digestEndTime().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
