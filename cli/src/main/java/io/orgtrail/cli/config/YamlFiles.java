package io.orgtrail.cli.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Loads a process's YAML configuration file into its settings record, with errors that name the file and line. */
public final class YamlFiles {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private YamlFiles() {}

  /** Reads {@code file} as {@code type}; a null file gives {@code empty}. */
  public static <T> T read(Path file, Class<T> type, T empty) {
    if (file == null) {
      return empty;
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    try {
      T value = YAML.readValue(file.toFile(), type);
      return value == null ? empty : value;
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new ConfigException(
          "config file " + file + ", line " + lineOf(file, e.getPropertyName(), e.getLocation().getLineNr())
              + ": unknown setting '" + e.getPropertyName()
              + "'; known settings here: " + known);
    } catch (JsonMappingException e) {
      throw new ConfigException(
          "config file " + file + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr())
              + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Where a key is written. Jackson reports the end of the enclosing mapping for settings bound to records (they
   * are buffered until all are read), which is not where the typo is.
   */
  private static int lineOf(Path file, String key, int fallback) {
    try {
      java.util.List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String t = lines.get(i).strip();
        if (t.startsWith(key + ":") || t.startsWith("\"" + key + "\":") || t.startsWith("- " + key + ":")) {
          return i + 1;
        }
      }
    } catch (IOException ignored) {
      // keep Jackson's position
    }
    return fallback;
  }

  /** The first non-null of a command-line flag, a config-file value and a default. */
  @SafeVarargs
  public static <T> T pick(T... candidates) {
    for (T c : candidates) {
      if (c != null) {
        return c;
      }
    }
    return null;
  }
}
