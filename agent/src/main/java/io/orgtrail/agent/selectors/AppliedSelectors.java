package io.orgtrail.agent.selectors;

import io.orgtrail.selectors.filter.EventFilter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The event selectors the agent applies at intake, swapped atomically when the aggregator sends new ones. Until the
 * agent was ever given selectors it selects everything: the aggregator filters what arrives, so nothing the trail
 * excludes gets logged, and nothing is lost while the agent does not know the trail's selectors yet.
 */
public final class AppliedSelectors {
  /** How {@link #describe()} names the state before any selectors were received. */
  public static final String NONE_RECEIVED = "all (none received)";

  private final AtomicReference<EventFilter> filter = new AtomicReference<>(); // null: select everything

  /** Selects everything until {@link #apply} is called. */
  public AppliedSelectors() {}

  /** False only when selectors were applied and they do not select the record (an unreadable record is selected). */
  public boolean selects(byte[] record) {
    EventFilter f = filter.get();
    return f == null || f.selects(record);
  }

  /** Applies {@code next} from now on; returns the filter applied before, or null when there was none. */
  public EventFilter apply(EventFilter next) {
    return filter.getAndSet(java.util.Objects.requireNonNull(next, "next"));
  }

  /** The filter applied, empty before any selectors were received. */
  public Optional<EventFilter> current() {
    return Optional.ofNullable(filter.get());
  }

  /** The applied selectors' full fingerprint, or null before any were received. */
  public String fingerprint() {
    EventFilter f = filter.get();
    return f == null ? null : f.fingerprint();
  }

  /** The first 12 hex characters of the applied selectors' fingerprint, or {@value #NONE_RECEIVED}. */
  public String describe() {
    return describe(fingerprint());
  }

  /** As {@link #describe()} for a fingerprint that may be null. */
  public static String describe(String fingerprint) {
    return fingerprint == null ? NONE_RECEIVED : fingerprint.substring(0, Math.min(12, fingerprint.length()));
  }
}
