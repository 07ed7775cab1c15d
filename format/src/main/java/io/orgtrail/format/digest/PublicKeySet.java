package io.orgtrail.format.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Public digest keys in the shape of CloudTrail's ListPublicKeys answer
 * ({@code {"PublicKeyList":[{"Value","ValidityStartTime","ValidityEndTime","Fingerprint"}]}}), so that the output of
 * {@code aws cloudtrail list-public-keys} and the file orgtrail exports are interchangeable. An active key has no
 * {@code ValidityEndTime}.
 */
public final class PublicKeySet {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PublicKeySet() {}

  public static byte[] toJson(List<PublicKeyInfo> keys) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("PublicKeyList");
    for (PublicKeyInfo k : keys) {
      ObjectNode n = list.addObject();
      n.put("Value", Base64.getEncoder().encodeToString(k.pkcs1Der()));
      n.put("ValidityStartTime", k.validFrom().toString());
      if (k.validUntil() != null) {
        n.put("ValidityEndTime", k.validUntil().toString());
      }
      n.put("Fingerprint", k.fingerprint());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void write(Path file, List<PublicKeyInfo> keys) throws IOException {
    AtomicFiles.write(file, toJson(keys), null);
  }

  public static List<PublicKeyInfo> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("public key file " + file + " does not exist; export one with "
          + "'orgtrail admin digest-keys export' or save the output of 'aws cloudtrail list-public-keys'");
    }
    try {
      return parse(Files.readAllBytes(file));
    } catch (IllegalArgumentException e) {
      throw new IOException("public key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a ListPublicKeys answer; times may be ISO-8601 text (any offset) or epoch seconds, as botocore prints. */
  public static List<PublicKeyInfo> parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    JsonNode list = root == null ? null : root.get("PublicKeyList");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("no PublicKeyList array (expected the shape of ListPublicKeys' answer)");
    }
    List<PublicKeyInfo> keys = new ArrayList<>();
    for (JsonNode n : list) {
      String value = text(n, "Value");
      String fingerprint = text(n, "Fingerprint");
      Instant start = time(n.get("ValidityStartTime"));
      if (value == null || fingerprint == null || start == null) {
        throw new IllegalArgumentException("key " + (keys.size() + 1) + " lacks Value, Fingerprint or "
            + "ValidityStartTime");
      }
      keys.add(new PublicKeyInfo(fingerprint, Base64.getDecoder().decode(value), start, time(n.get("ValidityEndTime"))));
    }
    return keys;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant time(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return Instant.ofEpochMilli(Math.round(v.asDouble() * 1000));
    }
    String s = v.asText();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + s + "' is not a time (ISO-8601 or epoch seconds)");
    }
  }
}
