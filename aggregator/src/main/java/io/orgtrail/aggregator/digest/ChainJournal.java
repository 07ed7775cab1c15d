package io.orgtrail.aggregator.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal of one digest chain, one JSON object per line, each line forced to disk before the step
 * it records happens:
 *
 * <ul>
 *   <li>{@code file}: a log file is about to be put (written before the put, so a file that reached the store is
 *       never forgotten: after a crash, whether it got there is asked of the store);
 *   <li>{@code digest}: a signed digest, committed before its put (it is the chain's head from then on);
 *   <li>{@code head} / {@code created}: the first line after compaction, which drops what digests cover.
 * </ul>
 *
 * A torn last line (a crash during an append) is ignored: the step it records had not started.
 */
final class ChainJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChainJournal.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @JsonInclude(JsonInclude.Include.NON_NULL)
  private record Line(
      @JsonProperty("t") String type,
      @JsonProperty("at") String at,
      @JsonProperty("key") String key,
      @JsonProperty("hash") String hash,
      @JsonProperty("oldest") String oldest,
      @JsonProperty("newest") String newest,
      @JsonProperty("start") String start,
      @JsonProperty("end") String end,
      @JsonProperty("signature") String signature,
      @JsonProperty("previousSignature") String previousSignature,
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("covered") List<String> covered,
      @JsonProperty("content") String content) {}

  /** What a journal says after a restart. */
  record Replayed(Instant createdAt, SignedDigest.Head head, SignedDigest unconfirmed, List<ListedFile> uncovered) {}

  private final Path file;
  private FileChannel channel;

  private ChainJournal(Path file) {
    this.file = file;
  }

  /** Starts the journal of a new chain. */
  static ChainJournal create(Path file, Instant createdAt) throws IOException {
    ChainJournal j = new ChainJournal(file);
    j.rewrite(new Line("created", createdAt.toString(), null, null, null, null, null, null, null, null, null, null,
        null), List.of());
    return j;
  }

  /** Opens an existing journal for appending; call {@link #replay} first to learn its state. */
  static ChainJournal open(Path file) throws IOException {
    ChainJournal j = new ChainJournal(file);
    j.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return j;
  }

  static Replayed replay(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Instant createdAt = null;
    SignedDigest.Head head = null;
    SignedDigest unconfirmed = null;
    Map<String, ListedFile> uncovered = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Line line;
      try {
        line = JSON.readValue(lines.get(i), Line.class);
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          log.warn("digest journal {}: ignoring a torn last line (the process stopped while writing it)", file);
          break;
        }
        throw new IOException("digest journal " + file + " line " + (i + 1) + " is damaged (" + e.getMessage()
            + "); restore the aggregator's state directory from a backup", e);
      }
      switch (line.type()) {
        case "created" -> createdAt = Instant.parse(line.at());
        case "file" -> uncovered.put(line.key(), new ListedFile(line.key(), line.hash(), time(line.oldest()),
            time(line.newest())));
        case "head" -> {
          head = head(line);
          unconfirmed = null;
        }
        case "digest" -> {
          unconfirmed = new SignedDigest(line.key(), Instant.parse(line.start()), Instant.parse(line.end()),
              line.hash(), line.signature(), line.previousSignature(), line.fingerprint(), line.covered(),
              Base64.getDecoder().decode(line.content()));
          head = unconfirmed.head();
          line.covered().forEach(uncovered::remove);
        }
        default -> throw new IOException("digest journal " + file + " line " + (i + 1) + " has unknown type '"
            + line.type() + "'; was it written by a newer orgtrail?");
      }
    }
    if (createdAt == null && head == null) {
      throw new IOException("digest journal " + file + " has neither a 'created' nor a 'head' line; restore the "
          + "aggregator's state directory from a backup");
    }
    return new Replayed(createdAt, head, unconfirmed, new ArrayList<>(uncovered.values()));
  }

  void appendFile(ListedFile f) throws IOException {
    append(new Line("file", null, f.key(), f.sha256Hex(), text(f.oldestEventTime()), text(f.newestEventTime()),
        null, null, null, null, null, null, null));
  }

  void appendDigest(SignedDigest d) throws IOException {
    append(new Line("digest", null, d.key(), d.sha256Hex(), null, null, d.start().toString(), d.end().toString(),
        d.signature(), d.previousSignature(), d.fingerprint(), d.covered(),
        Base64.getEncoder().encodeToString(d.gzipped())));
  }

  /**
   * Replaces the journal by its head (or creation time, for a chain without digests yet) and the files no digest
   * covers yet: what digests cover is no longer needed.
   */
  void compact(Instant createdAt, SignedDigest.Head head, Collection<ListedFile> uncovered) throws IOException {
    Line first = head == null
        ? new Line("created", createdAt.toString(), null, null, null, null, null, null, null, null, null, null, null)
        : new Line("head", null, head.key(), head.sha256Hex(), null, null, head.start().toString(),
            head.end().toString(), head.signature(), head.previousSignature(), head.fingerprint(), null, null);
    rewrite(first, uncovered);
  }

  private void rewrite(Line first, Collection<ListedFile> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(first));
    for (ListedFile f : files) {
      out.writeBytes(bytes(new Line("file", null, f.key(), f.sha256Hex(), text(f.oldestEventTime()),
          text(f.newestEventTime()), null, null, null, null, null, null, null)));
    }
    if (channel != null) {
      channel.close();
    }
    AtomicFiles.write(file, out.toByteArray());
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private void append(Line line) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes(line));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  private static byte[] bytes(Line line) throws IOException {
    byte[] json = JSON.writeValueAsBytes(line);
    byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
    withNewline[json.length] = '\n';
    return withNewline;
  }

  private static SignedDigest.Head head(Line line) {
    return new SignedDigest.Head(line.key(), Instant.parse(line.start()), Instant.parse(line.end()), line.hash(),
        line.signature(), line.previousSignature(), line.fingerprint());
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant time(String s) {
    return s == null ? null : Instant.parse(s);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
