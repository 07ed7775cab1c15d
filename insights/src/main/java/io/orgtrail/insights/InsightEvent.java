package io.orgtrail.insights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One CloudTrail Insights event (the start or the end of one period of unusual activity), written by {@link #json()}
 * in CloudTrail's shape, members in CloudTrail's order:
 *
 * <pre>{@code
 * {"eventVersion":"1.08","eventTime":"..Z","awsRegion":"..","eventID":"<uuid>","eventType":"AwsCloudTrailInsight",
 *  "recipientAccountId":"..","sharedEventID":"<uuid, same for Start and End>",
 *  "insightDetails":{"state":"Start"|"End","eventSource":"..","eventName":"..",
 *    "insightType":"ApiCallRateInsight"|"ApiErrorRateInsight", ["errorCode":".." (error insights only),]
 *    "insightContext":{"statistics":{"baseline":{"average":n},"insight":{"average":n},
 *       ["insightDuration":minutes (End only),] "baselineDuration":minutes},
 *     "attributions":[{"attribute":"errorCode","insight":[{"value":"..","average":n}],"baseline":[..]}]}},
 *  "eventCategory":"Insight"}
 * }</pre>
 *
 * @param eventTime when the unusual activity started (Start) or stopped (End), whole minutes
 * @param errorCode the most frequent error code of an ApiErrorRateInsight, null for ApiCallRateInsight
 * @param baselineAverage calls (or errors) per minute over the baseline before the insight started
 * @param insightAverage per minute: over the triggering window (Start), over the whole insight (End)
 * @param insightDurationMinutes minutes from start to end; null on Start
 * @param baselineDurationMinutes minutes of history the baseline covers
 */
public record InsightEvent(
    UUID eventId,
    Instant eventTime,
    String awsRegion,
    String recipientAccountId,
    UUID sharedEventId,
    InsightState state,
    String eventSource,
    String eventName,
    InsightType insightType,
    String errorCode,
    double baselineAverage,
    double insightAverage,
    Long insightDurationMinutes,
    long baselineDurationMinutes,
    List<Attribution> attributions) {

  public static final String EVENT_VERSION = "1.08";
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  public InsightEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(awsRegion, "awsRegion");
    Objects.requireNonNull(recipientAccountId, "recipientAccountId");
    Objects.requireNonNull(sharedEventId, "sharedEventId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(eventSource, "eventSource");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(insightType, "insightType");
    eventTime = eventTime.truncatedTo(ChronoUnit.SECONDS);
    attributions = List.copyOf(attributions);
    if (state == InsightState.END && insightDurationMinutes == null) {
      throw new IllegalArgumentException("an End insight event needs insightDurationMinutes");
    }
  }

  /** The key this insight is about. */
  public InsightKey key() {
    return new InsightKey(recipientAccountId, awsRegion, eventSource, eventName);
  }

  /** The record's exact bytes (UTF-8 JSON, no whitespace), as they go into a {@code {"Records":[...]}} file. */
  public byte[] json() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("eventVersion", EVENT_VERSION);
      g.writeStringField("eventTime", TIME.format(eventTime));
      g.writeStringField("awsRegion", awsRegion);
      g.writeStringField("eventID", eventId.toString());
      g.writeStringField("eventType", "AwsCloudTrailInsight");
      g.writeStringField("recipientAccountId", recipientAccountId);
      g.writeStringField("sharedEventID", sharedEventId.toString());
      g.writeObjectFieldStart("insightDetails");
      g.writeStringField("state", state.wireName());
      g.writeStringField("eventSource", eventSource);
      g.writeStringField("eventName", eventName);
      g.writeStringField("insightType", insightType.wireName());
      if (errorCode != null) {
        g.writeStringField("errorCode", errorCode);
      }
      g.writeObjectFieldStart("insightContext");
      g.writeObjectFieldStart("statistics");
      g.writeObjectFieldStart("baseline");
      g.writeNumberField("average", baselineAverage);
      g.writeEndObject();
      g.writeObjectFieldStart("insight");
      g.writeNumberField("average", insightAverage);
      g.writeEndObject();
      if (insightDurationMinutes != null) {
        g.writeNumberField("insightDuration", insightDurationMinutes);
      }
      g.writeNumberField("baselineDuration", baselineDurationMinutes);
      g.writeEndObject();
      g.writeArrayFieldStart("attributions");
      for (Attribution attribution : attributions) {
        g.writeStartObject();
        g.writeStringField("attribute", attribution.attribute());
        writeValues(g, "insight", attribution.insight());
        writeValues(g, "baseline", attribution.baseline());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject(); // insightContext
      g.writeEndObject(); // insightDetails
      g.writeStringField("eventCategory", "Insight");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write an Insights event as JSON", e);
    }
    return out.toByteArray();
  }

  private static void writeValues(JsonGenerator g, String name, List<AttributionValue> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (AttributionValue value : values) {
      g.writeStartObject();
      g.writeStringField("value", value.value());
      g.writeNumberField("average", value.average());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
