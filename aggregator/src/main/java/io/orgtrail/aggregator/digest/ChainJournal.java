package io.orgtrail.aggregator.digest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.aggregator.sequence.BatchEvents;
import io.orgtrail.aggregator.sequence.EventIndexes;
import io.orgtrail.format.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>{@code file}: a log file is about to be put, with the events it holds ({@code holds}: agent, sequence,
 *       event indexes). Written before the put, so a file that reached the store is never forgotten: after a
 *       crash, whether it got there is asked of the store, and if it did, its events are durable (a resent batch
 *       does not write them again) and it is listed;
 *   <li>{@code digest}: a signed digest, committed before its put (it is the chain's head from then on);
 *   <li>{@code head} / {@code created}: the first line after compaction, which drops what digests cover. It
 *       carries the format version {@code v}.
 * </ul>
 *
 * Format versions: 1 (no {@code v}, no {@code holds}) is read as files holding nothing known; 2 adds them. A torn
 * last line (a crash during an append) is ignored and cut off before the next append: the step it records had
 * not started.
 */
final class ChainJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChainJournal.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int VERSION = 2;

  /** Some events of one batch, in a file line; short names because a file may hold thousands of batches. */
  private record Hold(
      @JsonProperty("a") String agentId, @JsonProperty("s") long sequence, @JsonProperty("e") EventIndexes events) {
    static Hold of(BatchEvents b) {
      return new Hold(b.agentId(), b.sequence(), b.events());
    }

    BatchEvents batchEvents() {
      return new BatchEvents(agentId, sequence, events);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Line(
      @JsonProperty("t") String type,
      @JsonProperty("v") Integer version,
      @JsonProperty("at") String at,
      @JsonProperty("key") String key,
      @JsonProperty("hash") String hash,
      @JsonProperty("oldest") String oldest,
      @JsonProperty("newest") String newest,
      @JsonProperty("holds") List<Hold> holds,
      @JsonProperty("start") String start,
      @JsonProperty("end") String end,
      @JsonProperty("signature") String signature,
      @JsonProperty("previousSignature") String previousSignature,
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("covered") List<String> covered,
      @JsonProperty("content") String content) {

    static Line created(Instant at) {
      return new Line("created", VERSION, at.toString(), null, null, null, null, null, null, null, null, null,
          null, null, null);
    }

    static Line head(SignedDigest.Head h) {
      return new Line("head", VERSION, null, h.key(), h.sha256Hex(), null, null, null, h.start().toString(),
          h.end().toString(), h.signature(), h.previousSignature(), h.fingerprint(), null, null);
    }

    static Line file(ListedFile f) {
      return new Line("file", null, null, f.key(), f.sha256Hex(), text(f.oldestEventTime()),
          text(f.newestEventTime()), f.holds().stream().map(Hold::of).toList(), null, null, null, null, null, null,
          null);
    }

    static Line digest(SignedDigest d) {
      return new Line("digest", null, null, d.key(), d.sha256Hex(), null, null, null, d.start().toString(),
          d.end().toString(), d.signature(), d.previousSignature(), d.fingerprint(), d.covered(),
          Base64.getEncoder().encodeToString(d.gzipped()));
    }
  }

  /**
   * What a journal says after a restart.
   *
   * @param validBytes the length of its intact lines (a torn tail beyond is cut off when it is opened)
   */
  record Replayed(Instant createdAt, SignedDigest.Head head, SignedDigest unconfirmed, List<ListedFile> uncovered,
      long validBytes) {}

  private final Path file;
  private FileChannel channel;

  private ChainJournal(Path file) {
    this.file = file;
  }

  /** Starts the journal of a new chain. */
  static ChainJournal create(Path file, Instant createdAt) throws IOException {
    ChainJournal j = new ChainJournal(file);
    j.rewrite(Line.created(createdAt), List.of());
    return j;
  }

  /**
   * Opens an existing journal for appending, after {@link #replay} told its state: a torn tail is cut off first,
   * or the next line would be glued to it and the journal would no longer read.
   */
  static ChainJournal open(Path file, Replayed replayed) throws IOException {
    ChainJournal j = new ChainJournal(file);
    j.channel = FileChannel.open(file, StandardOpenOption.WRITE);
    if (j.channel.size() > replayed.validBytes()) {
      j.channel.truncate(replayed.validBytes());
      j.channel.force(true);
    }
    j.channel.position(j.channel.size());
    return j;
  }

  static Replayed replay(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<int[]> lines = new ArrayList<>(); // [start, end) of each line, without its newline
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(new int[] {start, i});
        start = i + 1;
      }
    }
    boolean unterminated = start < bytes.length;
    if (unterminated) {
      lines.add(new int[] {start, bytes.length});
    }
    Instant createdAt = null;
    SignedDigest.Head head = null;
    SignedDigest unconfirmed = null;
    Map<String, ListedFile> uncovered = new LinkedHashMap<>();
    long validBytes = 0;
    for (int i = 0; i < lines.size(); i++) {
      boolean last = i == lines.size() - 1;
      int[] at = lines.get(i);
      Line line;
      try {
        if (last && unterminated) {
          // Every line is written with its newline in one write: without it, the write did not complete.
          throw new IOException("no newline at its end");
        }
        line = JSON.readValue(bytes, at[0], at[1] - at[0], Line.class);
        if (line.type() == null) {
          throw new IOException("no type 't'");
        }
      } catch (IOException e) {
        if (last) {
          log.warn("digest journal {}: ignoring a torn last line at byte {} ({} bytes, {}): the process stopped "
              + "while writing it, before the step it records", file, at[0], bytes.length - at[0], e.getMessage());
          break;
        }
        throw new IOException("digest journal " + file + " line " + (i + 1) + " is damaged (" + e.getMessage()
            + "); restore the aggregator's state directory from a backup", e);
      }
      if (i == 0 && line.version() != null && line.version() > VERSION) {
        throw new IOException("digest journal " + file + " has format version " + line.version() + "; this "
            + "aggregator reads versions 1 to " + VERSION + " (a newer orgtrail wrote it? run that one)");
      }
      switch (line.type()) {
        case "created" -> createdAt = Instant.parse(line.at());
        case "file" -> uncovered.put(line.key(), new ListedFile(line.key(), line.hash(), time(line.oldest()),
            time(line.newest()), line.holds() == null
                ? List.of() : line.holds().stream().map(Hold::batchEvents).toList()));
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
      validBytes = at[1] + 1L;
    }
    if (createdAt == null && head == null) {
      throw new IOException("digest journal " + file + " has neither a 'created' nor a 'head' line; restore the "
          + "aggregator's state directory from a backup");
    }
    return new Replayed(createdAt, head, unconfirmed, new ArrayList<>(uncovered.values()), validBytes);
  }

  void appendFile(ListedFile f) throws IOException {
    append(Line.file(f));
  }

  void appendDigest(SignedDigest d) throws IOException {
    append(Line.digest(d));
  }

  /**
   * Replaces the journal by its head (or creation time, for a chain without digests yet) and the files no digest
   * covers yet: what digests cover is no longer needed.
   */
  void compact(Instant createdAt, SignedDigest.Head head, Collection<ListedFile> uncovered) throws IOException {
    rewrite(head == null ? Line.created(createdAt) : Line.head(head), uncovered);
  }

  private void rewrite(Line first, Collection<ListedFile> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(first));
    for (ListedFile f : files) {
      out.writeBytes(bytes(Line.file(f)));
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
    byte[] withNewline = Arrays.copyOf(json, json.length + 1);
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
