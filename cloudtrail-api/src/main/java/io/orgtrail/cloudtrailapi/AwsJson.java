package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** The JSON conventions of the AWS JSON 1.1 protocol: timestamps are epoch seconds as numbers. */
final class AwsJson {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Epoch seconds must stay plain numbers ("1741000000.5"), never "1.7410000005E+9".
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private AwsJson() {}

  /** Puts {@code time} as epoch seconds, to the millisecond; does nothing when it is null. */
  static void putTime(ObjectNode node, String field, Instant time) {
    if (time != null) {
      node.put(field, epochSeconds(time));
    }
  }

  static BigDecimal epochSeconds(Instant time) {
    return BigDecimal.valueOf(time.toEpochMilli(), 3).stripTrailingZeros();
  }

  static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }
}
