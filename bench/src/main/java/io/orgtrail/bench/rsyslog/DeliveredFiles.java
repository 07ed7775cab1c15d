package io.orgtrail.bench.rsyslog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What the rsyslog aggregator wrote for one account: the gzip files of its directory
 * ({@link AggregatorConfig#FILE_PREFIX}{@code ...}{@link AggregatorConfig#FILE_SUFFIX}), read back line by line.
 */
public final class DeliveredFiles {
  private final Path accountDir;

  public DeliveredFiles(Path accountDir) {
    this.accountDir = accountDir;
  }

  /** The account's files, oldest name (minute) first; none when the directory does not exist. */
  public List<Path> files() throws IOException {
    if (!Files.isDirectory(accountDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(accountDir)) {
      return files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith(AggregatorConfig.FILE_PREFIX) && name.endsWith(AggregatorConfig.FILE_SUFFIX);
      }).sorted().toList();
    }
  }

  /**
   * Up to {@code maxLines} lines of the files, in order (without line feeds); every line of them with
   * {@code Long.MAX_VALUE}. rsyslog may write a file as several gzip members; all are read.
   *
   * @throws IOException when a file is not gzip, or ends inside a member or a line (a file cut short)
   */
  public List<byte[]> lines(long maxLines) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (Path file : files()) {
      try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 64 * 1024))) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(2048);
        int b;
        while (lines.size() < maxLines && (b = in.read()) >= 0) {
          if (b == '\n') {
            lines.add(line.toByteArray());
            line.reset();
          } else {
            line.write(b);
          }
        }
        if (lines.size() < maxLines && line.size() > 0) {
          throw new EOFException(file + " ends inside a line (" + line.size() + " bytes after the last line feed)");
        }
      } catch (EOFException e) {
        throw new EOFException(file + " is cut short (" + e.getMessage() + "); was the aggregator killed before it "
            + "closed the file?");
      }
      if (lines.size() >= maxLines) {
        break;
      }
    }
    return lines;
  }
}
