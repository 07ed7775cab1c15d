package io.orgtrail.bench.rsyslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process's offsets in the files it has open, from Linux's {@code /proc/<pid>/fd/} (which file each descriptor is)
 * and {@code /proc/<pid>/fdinfo/<fd>} ({@code pos:}, the descriptor's offset): how far rsyslog's imfile has read,
 * to the byte and at any moment, without asking rsyslog. Needs the same user as the process (or root).
 *
 * <p>imfile opens a file twice: once to read its first 512 bytes (its identity, for the state file), and once to
 * read it through. The furthest descriptor is the reading one.
 */
public final class ProcessReadOffsets implements ReadOffsets {
  /** The descriptor table is listed again at most this often (the files' offsets are read at every call). */
  private static final long RESCAN_NANOS = 20_000_000L;

  private final Path fdDir;
  private final Path fdInfoDir;
  private Map<Path, List<String>> descriptors = Map.of();
  private long scannedAt;
  private boolean scanned;

  ProcessReadOffsets(Path proc, long pid) {
    this.fdDir = proc.resolve(Long.toString(pid)).resolve("fd");
    this.fdInfoDir = proc.resolve(Long.toString(pid)).resolve("fdinfo");
  }

  /** The offsets of process {@code pid}, from the real {@code /proc}. */
  public static ProcessReadOffsets of(long pid) {
    return new ProcessReadOffsets(Path.of("/proc"), pid);
  }

  /** The furthest offset of the process's descriptors on {@code file}. Not thread-safe: one feeder asks. */
  @Override
  public long offset(Path file) {
    Path wanted = file.toAbsolutePath().normalize();
    long offset = offsetByKnownDescriptors(wanted);
    if (offset < 0 && (!scanned || System.nanoTime() - scannedAt > RESCAN_NANOS)) {
      scan();
      offset = offsetByKnownDescriptors(wanted);
    }
    return offset;
  }

  private long offsetByKnownDescriptors(Path wanted) {
    long offset = -1;
    for (String fd : descriptors.getOrDefault(wanted, List.of())) {
      // A descriptor number may have been closed and reused for another file since the scan.
      if (wanted.equals(target(fd))) {
        offset = Math.max(offset, position(fd));
      }
    }
    return offset;
  }

  private void scan() {
    Map<Path, List<String>> found = new HashMap<>();
    for (String fd : list()) {
      Path target = target(fd);
      if (target != null) {
        found.computeIfAbsent(target, t -> new ArrayList<>()).add(fd);
      }
    }
    descriptors = found;
    scannedAt = System.nanoTime();
    scanned = true;
  }
  private List<String> list() {
    try (Stream<Path> fds = Files.list(fdDir)) {
      return fds.map(p -> p.getFileName().toString()).toList();
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("the process of " + fdDir.getParent() + " is gone", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + fdDir + " (" + e + "); the benchmark must run as the user "
          + "that runs rsyslogd, or as root", e);
    }
  }

  /** Where descriptor {@code fd} points, or null when it was closed meanwhile. */
  private Path target(String fd) {
    try {
      return Files.readSymbolicLink(fdDir.resolve(fd)).toAbsolutePath().normalize();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** The {@code pos:} line of the descriptor's fdinfo, or -1 when it was closed meanwhile. */
  private long position(String fd) {
    String info;
    try {
      info = Files.readString(fdInfoDir.resolve(fd));
    } catch (IOException e) {
      return -1;
    }
    return positionOf(info);
  }

  /** {@code pos:\t1234} of an fdinfo file's text. */
  static long positionOf(String fdInfo) {
    for (String line : fdInfo.split("\n")) {
      if (line.startsWith("pos:")) {
        return Long.parseLong(line.substring("pos:".length()).trim());
      }
    }
    throw new IllegalArgumentException("no pos: line in an fdinfo file: " + fdInfo);
  }
}
