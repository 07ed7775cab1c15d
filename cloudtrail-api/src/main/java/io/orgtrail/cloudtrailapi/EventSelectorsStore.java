package io.orgtrail.cloudtrailapi;

import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.TrailSelectors;
import java.io.IOException;

/** The trail's event selectors, as GetEventSelectors reads and PutEventSelectors replaces them. */
public interface EventSelectorsStore {
  TrailSelectors current();

  /**
   * Makes {@code selectors} the trail's, durably, and in effect at once (agents are told).
   *
   * @throws InvalidEventSelectorsException when they break CloudTrail's rules (the message says which)
   * @throws IOException when they cannot be saved (nothing changed)
   */
  void put(TrailSelectors selectors) throws InvalidEventSelectorsException, IOException;
}
