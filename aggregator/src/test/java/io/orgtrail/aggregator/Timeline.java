package io.orgtrail.aggregator;

import java.util.ArrayList;
import java.util.List;

/** The order in which things happened across threads: store writes and acknowledgement arrivals. */
final class Timeline {
  private final List<String> entries = new ArrayList<>();

  synchronized void record(String entry) {
    entries.add(entry);
  }

  synchronized int indexOf(String entry) {
    return entries.indexOf(entry);
  }

  synchronized List<String> entries() {
    return List.copyOf(entries);
  }
}
