package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.cloudtrailapi.auth.SignedRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One operation's input: the request's JSON object, read member by member with the protocol's types. A member of
 * the wrong type is a {@code SerializationException}, as AWS answers it; a JSON null counts as absent.
 *
 * @param body the request body
 * @param signingRegion the region the client signed for (from the SigV4 credential scope), when it says one
 * @param signed what the request's signature covers, for the operations that check it
 */
record ApiRequest(ObjectNode body, Optional<String> signingRegion, SignedRequest signed) {

  Optional<String> string(String member) {
    JsonNode v = member(member);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw wrongType(member, "a string", v);
    }
    return Optional.of(v.textValue());
  }

  Optional<Boolean> bool(String member) {
    JsonNode v = member(member);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw wrongType(member, "true or false", v);
    }
    return Optional.of(v.booleanValue());
  }

  Optional<Integer> integer(String member) {
    JsonNode v = member(member);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(member, "an integer", v);
    }
    return Optional.of(v.intValue());
  }

  List<String> strings(String member) {
    JsonNode v = member(member);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(member, "a list of strings", v);
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw wrongType(member, "a list of strings", v);
      }
      values.add(item.textValue());
    }
    return values;
  }

  /** Epoch seconds (what botocore sends), or ISO-8601 text for hand-written requests. */
  Optional<Instant> time(String member) {
    JsonNode v = member(member);
    if (v == null) {
      return Optional.empty();
    }
    if (v.isNumber()) {
      BigDecimal seconds = v.decimalValue();
      try {
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
      } catch (ArithmeticException | DateTimeException e) {
        throw ApiException.serialization(member + " " + seconds + " is not a time in epoch seconds");
      }
    }
    if (v.isTextual()) {
      try {
        return Optional.of(OffsetDateTime.parse(v.textValue()).toInstant());
      } catch (DateTimeParseException e) {
        throw ApiException.serialization(member + " '" + v.textValue()
            + "' is not a time: send epoch seconds or ISO-8601 text such as 2025-01-31T12:00:00Z");
      }
    }
    throw wrongType(member, "a time in epoch seconds", v);
  }

  private JsonNode member(String member) {
    JsonNode v = body.get(member);
    return v == null || v.isNull() ? null : v;
  }

  private static ApiException wrongType(String member, String expected, JsonNode actual) {
    return ApiException.serialization("member " + member + " must be " + expected + ", not JSON "
        + actual.getNodeType().toString().toLowerCase(Locale.ROOT));
  }
}
