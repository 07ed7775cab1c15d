package io.orgtrail.aggregator.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orgtrail.aggregator.afterdelivery.DeliveredLogFile;
import io.orgtrail.aggregator.afterdelivery.DeliveredRecords;
import io.orgtrail.aggregator.afterdelivery.DeliveryConsumer;
import io.orgtrail.notify.envelope.EventBridgeEnvelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, after delivery, the events each {@link MetricFilter} matches. Each record is parsed and wrapped in its
 * EventBridge envelope once, then offered to every filter. The counters exist (at 0) from the start, so that a
 * filter that never matched still shows.
 */
public final class MetricFilterCounting implements DeliveryConsumer {
  private static final Logger log = LoggerFactory.getLogger(MetricFilterCounting.class);
  static final String METER = "orgtrail.metric.filter.matches";
  // Decimals as BigDecimal, as the notification rules: numeric matchers compare the values written.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private record Counted(MetricFilter filter, Counter matches) {}

  private final List<Counted> filters;
  private final EventBridgeEnvelope envelope;

  /** @throws IllegalArgumentException when two filters share a name */
  public MetricFilterCounting(List<MetricFilter> filters, EventBridgeEnvelope envelope, MeterRegistry registry) {
    Set<String> names = new HashSet<>();
    List<Counted> counted = new ArrayList<>();
    for (MetricFilter f : filters) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("two metric filters are named " + f.name() + "; names must be unique");
      }
      counted.add(new Counted(f, Counter.builder(METER)
          .description("Delivered events matching the metric filter's pattern")
          .tag("filter", f.name())
          .register(registry)));
    }
    this.filters = List.copyOf(counted);
    this.envelope = envelope;
  }

  @Override
  public String name() {
    return "metric-filters";
  }

  @Override
  public void accept(DeliveredLogFile file, DeliveredRecords records) {
    int unreadable = 0;
    for (byte[] json : records.records()) {
      ObjectNode event;
      try {
        JsonNode record = JSON.readTree(json);
        event = envelope.wrap(record);
      } catch (IOException | IllegalArgumentException e) {
        unreadable++; // cannot happen for records the aggregator wrote; never stop the other events for it
        continue;
      }
      for (Counted c : filters) {
        if (c.filter().pattern().matches(event)) {
          c.matches().increment();
        }
      }
    }
    if (unreadable > 0) {
      log.warn("metric filters: {} record(s) of {} are not JSON objects and were not counted", unreadable,
          file.key());
    }
  }
}
