package io.orgtrail.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads back the log files the aggregator wrote: every object must be a CloudTrail log file under a valid key, or a
 * digest file.
 */
final class DeliveredFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  record LogFile(String key, String account, String region, byte[] uncompressed, List<JsonNode> records) {}

  private DeliveredFiles() {}

  static List<LogFile> read(InMemoryStore store, String orgId) {
    Pattern keyPattern = Pattern.compile("AWSLogs/" + Pattern.quote(orgId) + "/(\\d{12})/CloudTrail/([a-z0-9-]+)/"
        + "\\d{4}/\\d{2}/\\d{2}/\\1_CloudTrail_\\2_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");
    Pattern digestPattern = Pattern.compile("AWSLogs/" + Pattern.quote(orgId) + "/(\\d{12})/CloudTrail-Digest/.*");
    List<LogFile> files = new ArrayList<>();
    for (String key : store.keys()) {
      if (digestPattern.matcher(key).matches()) {
        continue; // digest files are checked by the digest tests
      }
      Matcher m = keyPattern.matcher(key);
      if (!m.matches()) {
        throw new AssertionError("object " + key + " is not a log file key of org " + orgId);
      }
      var object = store.object(key);
      if (!"gzip".equals(object.contentEncoding()) || !"application/json".equals(object.contentType())) {
        throw new AssertionError(key + " has content type " + object.contentType() + " / encoding "
            + object.contentEncoding());
      }
      byte[] json = gunzip(object.content());
      JsonNode root;
      try {
        root = JSON.readTree(json);
      } catch (IOException e) {
        throw new AssertionError(key + " is not valid JSON", e);
      }
      if (!root.isObject() || root.size() != 1 || !root.path("Records").isArray()) {
        throw new AssertionError(key + " is not {\"Records\":[...]}");
      }
      List<JsonNode> records = new ArrayList<>();
      root.get("Records").forEach(records::add);
      files.add(new LogFile(key, m.group(1), m.group(2), json, records));
    }
    return files;
  }

  /**
   * How many times each eventID is in the log files of any store (a real bucket): every object under a
   * {@code /CloudTrail/} prefix is read and must be a gzipped {@code {"Records":[...]}} file.
   */
  static Map<String, Integer> deliveries(io.orgtrail.store.ObjectStore store) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (io.orgtrail.store.ObjectInfo info : store.list("")) {
      if (!info.key().contains("/CloudTrail/")) {
        continue;
      }
      JsonNode root = JSON.readTree(gunzip(store.get(info.key()).orElseThrow().content()));
      if (!root.path("Records").isArray()) {
        throw new AssertionError(info.key() + " is not {\"Records\":[...]}");
      }
      root.get("Records").forEach(r -> counts.merge(r.path("eventID").asText(), 1, Integer::sum));
    }
    return counts;
  }

  /** How many times each eventID was delivered. */
  static Map<String, Integer> deliveries(List<LogFile> files) {
    Map<String, Integer> counts = new HashMap<>();
    for (LogFile f : files) {
      for (JsonNode r : f.records()) {
        counts.merge(r.path("eventID").asText(), 1, Integer::sum);
      }
    }
    return counts;
  }

  static byte[] gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
