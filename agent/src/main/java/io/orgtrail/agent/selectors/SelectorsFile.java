package io.orgtrail.agent.selectors;

import io.orgtrail.format.files.AtomicFiles;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.selectors.filter.EventFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last event selectors the aggregator sent, kept in {@code <stateDir>/}{@value #FILE_NAME} so that after a
 * restart the agent applies them before it reconnects. Written atomically (temporary file, fsync, rename), in the
 * canonical JSON form ({@link TrailSelectors#toJson()}).
 */
public final class SelectorsFile {
  private static final Logger log = LoggerFactory.getLogger(SelectorsFile.class);
  public static final String FILE_NAME = "event-selectors.json";

  private final Path file;

  public SelectorsFile(Path stateDir) {
    this.file = stateDir.resolve(FILE_NAME);
  }

  public Path path() {
    return file;
  }

  /**
   * The selectors saved last, compiled; empty when none were saved, and also when the file cannot be read or does
   * not hold valid selectors (logged at WARN naming the file: the agent then starts as if none were saved and
   * selects everything until the aggregator sends selectors).
   */
  public Optional<EventFilter> load() {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException none) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // RuntimeException: MalformedInputException comes as an IOException, but be safe with odd file systems.
      log.warn("cannot read the saved event selectors {} ({}); starting without them: every event is sent until "
          + "the aggregator sends the trail's selectors", file, e.toString());
      return Optional.empty();
    }
    try {
      return Optional.of(EventFilter.compile(TrailSelectors.parse(json)));
    } catch (InvalidEventSelectorsException e) {
      log.warn("the saved event selectors {} are not valid ({}); ignoring them: every event is sent until the "
          + "aggregator sends the trail's selectors, which then replace the file", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Replaces the saved selectors with {@code selectors}. */
  public void save(TrailSelectors selectors) throws IOException {
    AtomicFiles.write(file, selectors.toJson().getBytes(StandardCharsets.UTF_8));
  }
}
