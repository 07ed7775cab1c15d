package io.orgtrail.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends dead letters as JSON lines ({@code time, target, kind, id, attempts, reason, lastError, body}), each
 * fsynced before {@link #append} returns. {@code body} is the message's JSON when it parses, else its text. Safe to
 * share between threads.
 */
public final class DeadLetterFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;

  public DeadLetterFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  public Path path() {
    return path;
  }

  /** Appends one line and forces it to disk. */
  public synchronized void append(DeadLetter letter) throws IOException {
    byte[] line = toLine(letter);
    Path dir = path.getParent();
    Files.createDirectories(dir);
    boolean created = !Files.exists(path);
    // A stream, not a FileChannel: an interrupt of the writing thread must not abort the write and lose the letter.
    try (FileOutputStream out = new FileOutputStream(path.toFile(), true)) {
      out.write(line);
      out.getFD().sync();
    }
    if (created) {
      // A new file's directory entry is durable only once the directory itself is synced.
      try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
        directory.force(true);
      } catch (IOException | UnsupportedOperationException e) {
        // Some platforms cannot open directories; the data itself is already synced.
      }
    }
  }

  /** The JSON line (with its newline) for {@code letter}. */
  static byte[] toLine(DeadLetter letter) {
    ObjectNode node = JSON.createObjectNode();
    node.put("time", letter.time().toString());
    node.put("target", letter.target().toString());
    node.put("kind", letter.kind());
    node.put("id", letter.id());
    node.put("attempts", letter.attempts());
    node.put("reason", letter.reason());
    node.put("lastError", letter.lastError());
    node.set("body", bodyNode(letter.body()));
    try {
      byte[] json = JSON.writeValueAsBytes(node);
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      return line;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise a JSON tree: " + e.getMessage(), e);
    }
  }

  private static JsonNode bodyNode(byte[] body) {
    try {
      JsonNode parsed = JSON.readTree(body);
      if (parsed != null && !parsed.isMissingNode()) {
        return parsed;
      }
    } catch (IOException e) {
      // Not JSON: kept as text below.
    }
    return JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
  }
}
