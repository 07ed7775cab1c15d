package io.orgtrail.cloudtrailapi.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.layout.AccountId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Long-lived API keys from a JSON file the operator keeps (owner-only, like any secret):
 * {@code [{"name": "platform", "accessKeyId": "...", "secretAccessKey": "...", "accounts": []}, ...]}, where no
 * accounts means every account (the platform team) and a list limits the key to those accounts' events.
 */
public final class ApiKeysFile implements ApiCredentials {
  private final Map<String, ApiCaller> byKey;

  private ApiKeysFile(Map<String, ApiCaller> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /** @throws IOException when the file is missing or unreadable, or an entry is invalid (the message names it) */
  public static ApiKeysFile load(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IOException("API keys file " + file + " does not exist; write one or remove apiKeysFile", e);
    } catch (IOException e) {
      throw new IOException("API keys file " + file + " is not JSON: " + e.getMessage(), e);
    }
    return load(file, root);
  }

  private static ApiKeysFile load(Path file, JsonNode root) throws IOException {
    if (root == null || !root.isArray()) {
      throw new IOException("API keys file " + file + " must hold a JSON array of {name, accessKeyId, "
          + "secretAccessKey, accounts}");
    }
    Map<String, ApiCaller> keys = new HashMap<>();
    int i = 0;
    for (JsonNode entry : root) {
      String where = "API keys file " + file + " entry " + i++;
      String id = text(entry, "accessKeyId", where);
      String secret = text(entry, "secretAccessKey", where);
      String name = entry.path("name").asText(id);
      Set<String> accounts = new LinkedHashSet<>();
      for (JsonNode a : entry.path("accounts")) {
        if (!AccountId.isValid(a.asText())) {
          throw new IOException(where + ": account '" + a.asText() + "' is not 12 digits");
        }
        accounts.add(a.asText());
      }
      if (keys.put(id, new ApiCaller(name, secret, Optional.empty(), accounts)) != null) {
        throw new IOException(where + ": access key " + id + " is listed twice");
      }
    }
    return new ApiKeysFile(keys);
  }

  private static String text(JsonNode entry, String field, String where) throws IOException {
    JsonNode v = entry.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new IOException(where + " has no " + field + " (a non-empty string)");
    }
    return v.asText();
  }

  /** A key pair {@link #addKey} made: the secret is shown once, then only the file holds it. */
  public record NewKey(String name, String accessKeyId, String secretAccessKey, Set<String> accounts) {}

  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /**
   * Adds a new random key pair to {@code file} (created owner-only when missing), AWS-shaped: a 20-character key id
   * starting {@code AKIA} and a 40-character secret.
   *
   * @param accounts the accounts the key sees; empty for every account (the platform)
   * @throws IOException when the file cannot be read or written, or holds invalid entries
   */
  public static NewKey addKey(Path file, String name, Set<String> accounts, java.util.random.RandomGenerator random)
      throws IOException {
    for (String a : accounts) {
      if (!AccountId.isValid(a)) {
        throw new IllegalArgumentException("account '" + a + "' is not 12 digits, such as 111122223333");
      }
    }
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode entries = Files.exists(file)
        ? (com.fasterxml.jackson.databind.node.ArrayNode) json.readTree(Files.readAllBytes(file))
        : json.createArrayNode();
    load(file, entries); // the existing entries must be valid before one is added
    NewKey key = new NewKey(name, "AKIA" + randomText(KEY_ALPHABET, 16, random),
        randomText(SECRET_ALPHABET, 40, random), Set.copyOf(accounts));
    com.fasterxml.jackson.databind.node.ObjectNode entry = entries.addObject();
    entry.put("name", name).put("accessKeyId", key.accessKeyId()).put("secretAccessKey", key.secretAccessKey());
    com.fasterxml.jackson.databind.node.ArrayNode list = entry.putArray("accounts");
    accounts.stream().sorted().forEach(list::add);
    io.orgtrail.format.files.AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(entries),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return key;
  }

  private static String randomText(String alphabet, int length, java.util.random.RandomGenerator random) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  @Override
  public Optional<ApiCaller> find(String accessKeyId) {
    return Optional.ofNullable(byKey.get(accessKeyId));
  }
}
