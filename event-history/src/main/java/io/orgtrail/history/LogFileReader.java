package io.orgtrail.history;

import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Turns a delivered log file into the management events to index, counting what it leaves out and why. */
final class LogFileReader {
  /** Far above any real log file (CloudTrail's are a few MB); stops a gzip bomb from filling the heap. */
  static final long MAX_UNCOMPRESSED_BYTES = 1L << 30;

  record Result(List<PreparedEvent> events, int records, int notManagement, int expired, int invalid,
      int accountMismatches) {}

  private final RecordSplitter splitter = new RecordSplitter();
  private final RecordFactsReader factsReader = new RecordFactsReader();

  Result read(String objectKey, byte[] gzipped, Instant cutoff) throws UnreadableLogFileException {
    byte[] json = gunzip(objectKey, gzipped);
    List<SourceRecord> records;
    try {
      records = splitter.split(json);
    } catch (InvalidFileException e) {
      throw new UnreadableLogFileException(objectKey, "not a CloudTrail log file: " + e.getMessage(), e);
    }
    Optional<String> keyAccount = LogFileKeys.account(objectKey);
    List<PreparedEvent> events = new ArrayList<>(records.size());
    int notManagement = 0, expired = 0, invalid = 0, mismatches = 0;
    long cutoffSeconds = cutoff.getEpochSecond();
    for (SourceRecord source : records) {
      RecordFacts facts;
      try {
        facts = factsReader.read(source.json());
      } catch (IOException e) {
        invalid++;
        continue;
      }
      Long time = epochSeconds(facts.eventTime());
      if (facts.eventId() == null || facts.eventId().isEmpty() || time == null) {
        invalid++;
        continue;
      }
      if (!facts.isManagementEvent()) {
        notManagement++;
        continue;
      }
      if (time < cutoffSeconds) {
        expired++;
        continue;
      }
      // The key's account comes from the aggregator (the agent's enrolment), the record's from the agent: when
      // they differ the key wins, since a member can read that file from the bucket anyway.
      String account = keyAccount.orElse(facts.recipientAccountId());
      if (account == null) {
        invalid++;
        continue;
      }
      if (facts.recipientAccountId() != null && !account.equals(facts.recipientAccountId())) {
        mismatches++;
      }
      UserIdentity id = facts.userIdentity();
      events.add(new PreparedEvent(facts.eventId(), account, time, facts.eventName(), facts.eventSource(),
          facts.readOnly(), HistoryUsername.of(id), id == null ? null : emptyToNull(id.accessKeyId()),
          facts.resources(), new String(source.json(), StandardCharsets.UTF_8)));
    }
    return new Result(events, records.size(), notManagement, expired, invalid, mismatches);
  }

  private static Long epochSeconds(String eventTime) {
    if (eventTime == null) {
      return null;
    }
    try {
      return Instant.parse(eventTime).getEpochSecond();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static byte[] gunzip(String objectKey, byte[] gzipped) throws UnreadableLogFileException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, gzipped.length * 8));
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > MAX_UNCOMPRESSED_BYTES) {
          throw new UnreadableLogFileException(objectKey,
              "it uncompresses to more than " + MAX_UNCOMPRESSED_BYTES + " bytes", null);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UnreadableLogFileException(objectKey, "not valid gzip (" + e.getMessage() + ")", e);
    }
  }
}
