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

  @Override
  public Optional<ApiCaller> find(String accessKeyId) {
    return Optional.ofNullable(byKey.get(accessKeyId));
  }
}
