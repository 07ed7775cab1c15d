package io.orgtrail.agent.source.directory;

import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of the watched directory that are done with, kept in the state directory so each file is read once
 * even across restarts. One line per file ({@code size TAB mtime-millis TAB outcome TAB path}, the path escaped),
 * appended and forced to disk as each file finishes; entries of files that no longer exist are dropped when the
 * agent starts.
 */
public final class FinishedFiles implements AutoCloseable {
  /** Every record of the file was accepted: written to the spool (or refused as invalid). */
  public static final String ACCEPTED = "accepted";
  /** Every event was acknowledged (written by earlier versions, which recorded files at acknowledgement). */
  public static final String DELIVERED = "delivered";
  /** The file could not be read as CloudTrail records; it is not tried again. */
  public static final String UNREADABLE = "unreadable";

  private final Path file;
  private final Map<Path, FileIdentity> finished = new HashMap<>(); // guarded by this
  private FileChannel log; // guarded by this

  private FinishedFiles(Path file) {
    this.file = file;
  }

  public static FinishedFiles open(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    FinishedFiles f = new FinishedFiles(stateDir.resolve("finished-files.tsv"));
    f.load();
    return f;
  }

  synchronized boolean contains(FileIdentity id) {
    return id.equals(finished.get(id.path()));
  }

  synchronized void add(FileIdentity id, String outcome) throws IOException {
    finished.put(id.path(), id);
    ByteBuffer line = ByteBuffer.wrap(line(id, outcome).getBytes(StandardCharsets.UTF_8));
    while (line.hasRemaining()) {
      log.write(line);
    }
    log.force(false);
  }

  public synchronized int size() {
    return finished.size();
  }

  @Override
  public synchronized void close() throws IOException {
    if (log != null) {
      log.close();
    }
  }

  private synchronized void load() throws IOException {
    StringBuilder kept = new StringBuilder();
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.isBlank()) {
          continue;
        }
        String[] parts = l.split("\t", 4);
        FileIdentity id;
        try {
          id = new FileIdentity(Path.of(unescape(parts[3])), Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
          // A line cut short by a crash while appending: that file simply counts as not finished.
          continue;
        }
        if (Files.exists(id.path())) {
          finished.put(id.path(), id);
          kept.append(line(id, parts[2]));
        }
      }
    }
    AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
    log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private static String line(FileIdentity id, String outcome) {
    return id.size() + "\t" + id.modifiedMillis() + "\t" + outcome + "\t" + escape(id.path().toString()) + "\n";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
