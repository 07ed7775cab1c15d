package io.orgtrail.aggregator.selectors;

import io.orgtrail.cloudtrailapi.EventSelectorsStore;
import io.orgtrail.format.files.AtomicFiles;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import io.orgtrail.selectors.filter.EventFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trail's event selectors: what the aggregator applies to every event it receives and pushes to every agent.
 * They start as the configuration's ({@code eventSelectors}, else CloudTrail's default: every management event, no
 * data event); once PutEventSelectors changed them, the state file holds them and they survive restarts.
 */
public final class TrailSelectorsState implements EventSelectorsStore {
  private static final Logger log = LoggerFactory.getLogger(TrailSelectorsState.class);
  public static final String FILE_NAME = "event-selectors.json";

  private record Applied(TrailSelectors selectors, EventFilter filter) {}

  private final Path file;
  private final List<Consumer<TrailSelectors>> listeners = new CopyOnWriteArrayList<>();
  private volatile Applied applied;

  private TrailSelectorsState(Path file, Applied applied) {
    this.file = file;
    this.applied = applied;
  }

  /**
   * @param initial the configuration's selectors, used until PutEventSelectors saved others
   * @throws IOException when the saved selectors cannot be read or are not valid (the message names the file)
   */
  public static TrailSelectorsState open(Path stateDir, TrailSelectors initial)
      throws IOException, InvalidEventSelectorsException {
    Path file = stateDir.resolve(FILE_NAME);
    TrailSelectors selectors = initial;
    if (Files.exists(file)) {
      try {
        selectors = TrailSelectors.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (InvalidEventSelectorsException e) {
        throw new IOException("the saved event selectors " + file + " are not valid (" + e.getMessage()
            + "); fix or delete the file (the configuration's then apply)", e);
      }
    }
    return new TrailSelectorsState(file, new Applied(selectors, EventFilter.compile(selectors)));
  }

  @Override
  public TrailSelectors current() {
    return applied.selectors();
  }

  /** The compiled filter of the current selectors, for the events that arrive. */
  public EventFilter filter() {
    return applied.filter();
  }

  @Override
  public synchronized void put(TrailSelectors selectors) throws InvalidEventSelectorsException, IOException {
    EventFilter filter = EventFilter.compile(selectors.validate());
    AtomicFiles.write(file, selectors.toJson().getBytes(StandardCharsets.UTF_8));
    applied = new Applied(selectors, filter);
    log.info("event selectors changed to {} ({}); pushing them to {} agent call(s)", selectors.toJson(),
        selectors.fingerprint().substring(0, 12), listeners.size());
    for (Consumer<TrailSelectors> l : listeners) {
      l.accept(selectors);
    }
  }

  /** {@code listener} gets the current selectors now and every change after; the returned action stops that. */
  public synchronized Runnable subscribe(Consumer<TrailSelectors> listener) {
    listeners.add(listener);
    listener.accept(applied.selectors());
    return () -> listeners.remove(listener);
  }
}
