package io.orgtrail.selectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads CloudTrail's request shape into the model. Structure is checked here (types, unknown members, enum names),
 * CloudTrail's rules on the content in {@link SelectorsValidator}. Unknown members are refused rather than ignored:
 * a misspelt {@code ReadWritetype} would otherwise silently change which events are dropped.
 */
final class SelectorsReader {
  static final String EVENT_SELECTORS = "EventSelectors";
  static final String ADVANCED_EVENT_SELECTORS = "AdvancedEventSelectors";
  /** Present in PutEventSelectors requests and GetEventSelectors answers; they name the trail and are ignored. */
  private static final Set<String> TRAIL_MEMBERS = Set.of("TrailName", "TrailARN");
  private static final List<String> BASIC_MEMBERS =
      List.of("ReadWriteType", "IncludeManagementEvents", "DataResources", "ExcludeManagementEventSources");
  private static final List<String> RESOURCE_MEMBERS = List.of("Type", "Values");
  private static final List<String> ADVANCED_MEMBERS = List.of("Name", "FieldSelectors");

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SelectorsReader() {}

  static TrailSelectors read(String json) throws InvalidEventSelectorsException {
    if (json == null || json.isBlank()) {
      throw new InvalidEventSelectorsException("", "the selectors text is empty; give {\"" + EVENT_SELECTORS
          + "\":[...]} or {\"" + ADVANCED_EVENT_SELECTORS + "\":[...]}");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new InvalidEventSelectorsException("", "the selectors are not valid JSON" + where + ": "
          + firstLine(e.getOriginalMessage()));
    }
    if (tree == null || tree.isNull()) {
      throw new InvalidEventSelectorsException("", "the selectors text is JSON null; give {\"" + EVENT_SELECTORS
          + "\":[...]} or {\"" + ADVANCED_EVENT_SELECTORS + "\":[...]}");
    }
    return read(tree);
  }

  static TrailSelectors read(JsonNode tree) throws InvalidEventSelectorsException {
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return TrailSelectors.defaults();
    }
    if (!tree.isObject()) {
      throw new InvalidEventSelectorsException("", "the selectors must be an object with " + EVENT_SELECTORS
          + " or " + ADVANCED_EVENT_SELECTORS + ", not " + kind(tree));
    }
    List<String> allowed = Stream.concat(Stream.of(EVENT_SELECTORS, ADVANCED_EVENT_SELECTORS),
        TRAIL_MEMBERS.stream().sorted()).toList();
    checkMembers(tree, "", allowed);
    JsonNode basic = present(tree.get(EVENT_SELECTORS));
    JsonNode advanced = present(tree.get(ADVANCED_EVENT_SELECTORS));
    if (basic != null && advanced != null) {
      throw new InvalidEventSelectorsException("", "both " + EVENT_SELECTORS + " and " + ADVANCED_EVENT_SELECTORS
          + " are given; a trail uses one form or the other, so keep only one");
    }
    if (basic == null && advanced == null) {
      throw new InvalidEventSelectorsException("", "neither " + EVENT_SELECTORS + " nor "
          + ADVANCED_EVENT_SELECTORS + " is given; give one of them");
    }
    TrailSelectors selectors = basic != null
        ? new BasicSelectors(list(basic, EVENT_SELECTORS, SelectorsReader::basic))
        : new AdvancedSelectors(list(advanced, ADVANCED_EVENT_SELECTORS, SelectorsReader::advanced));
    SelectorsValidator.validate(selectors);
    return selectors;
  }

  private static EventSelector basic(JsonNode node, String path) throws InvalidEventSelectorsException {
    requireObject(node, path, "an event selector");
    checkMembers(node, path, BASIC_MEMBERS);
    ReadWriteType readWrite = ReadWriteType.ALL;
    JsonNode type = present(node.get("ReadWriteType"));
    if (type != null) {
      String name = text(type, path + ".ReadWriteType");
      readWrite = ReadWriteType.fromWireName(name).orElseThrow(() -> new InvalidEventSelectorsException(
          path + ".ReadWriteType", Quoted.of(name) + " is not a ReadWriteType; allowed: ReadOnly, WriteOnly, All"));
    }
    boolean management = true;
    JsonNode include = present(node.get("IncludeManagementEvents"));
    if (include != null) {
      management = bool(include, path + ".IncludeManagementEvents");
    }
    JsonNode resources = present(node.get("DataResources"));
    List<DataResource> data = resources == null
        ? List.of() : list(resources, path + ".DataResources", SelectorsReader::resource);
    JsonNode excluded = present(node.get("ExcludeManagementEventSources"));
    List<String> sources = excluded == null
        ? List.of() : list(excluded, path + ".ExcludeManagementEventSources", SelectorsReader::text);
    return new EventSelector(readWrite, management, data, sources);
  }

  private static DataResource resource(JsonNode node, String path) throws InvalidEventSelectorsException {
    requireObject(node, path, "a data resource");
    checkMembers(node, path, RESOURCE_MEMBERS);
    JsonNode type = present(node.get("Type"));
    if (type == null) {
      throw new InvalidEventSelectorsException(path, "Type is missing; give the resource type, one of "
          + String.join(", ", SelectorsValidator.BASIC_RESOURCE_TYPES));
    }
    JsonNode values = present(node.get("Values"));
    return new DataResource(text(type, path + ".Type"),
        values == null ? List.of() : list(values, path + ".Values", SelectorsReader::text));
  }

  private static AdvancedEventSelector advanced(JsonNode node, String path) throws InvalidEventSelectorsException {
    requireObject(node, path, "an advanced event selector");
    checkMembers(node, path, ADVANCED_MEMBERS);
    JsonNode name = present(node.get("Name"));
    JsonNode fields = present(node.get("FieldSelectors"));
    if (fields == null) {
      throw new InvalidEventSelectorsException(path, "FieldSelectors is missing; an advanced event selector needs"
          + " at least an eventCategory field selector, e.g. {\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}");
    }
    return new AdvancedEventSelector(
        name == null ? Optional.empty() : Optional.of(text(name, path + ".Name")),
        list(fields, path + ".FieldSelectors", SelectorsReader::field));
  }

  private static FieldSelector field(JsonNode node, String path) throws InvalidEventSelectorsException {
    requireObject(node, path, "a field selector");
    List<String> allowed = Stream.concat(Stream.of("Field"),
        Stream.of(Operator.values()).map(Operator::wireName)).toList();
    checkMembers(node, path, allowed);
    JsonNode field = present(node.get("Field"));
    if (field == null) {
      throw new InvalidEventSelectorsException(path, "Field is missing; give the record field to test, one of "
          + SelectorsValidator.fieldNames());
    }
    Map<Operator, List<String>> conditions = new EnumMap<>(Operator.class);
    for (Operator op : Operator.values()) {
      JsonNode values = present(node.get(op.wireName()));
      if (values == null) {
        continue;
      }
      String at = path + "." + op.wireName();
      List<String> list = list(values, at, SelectorsReader::scalar);
      if (list.isEmpty()) {
        throw new InvalidEventSelectorsException(at, "the list is empty; give at least one value or leave "
            + op.wireName() + " out");
      }
      conditions.put(op, list);
    }
    return new FieldSelector(text(field, path + ".Field"), conditions);
  }

  private interface Element<T> {
    T read(JsonNode node, String path) throws InvalidEventSelectorsException;
  }

  private static <T> List<T> list(JsonNode node, String path, Element<T> element)
      throws InvalidEventSelectorsException {
    if (!node.isArray()) {
      throw new InvalidEventSelectorsException(path, "must be a list, not " + kind(node));
    }
    List<T> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(element.read(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private static String text(JsonNode node, String path) throws InvalidEventSelectorsException {
    if (!node.isTextual()) {
      throw new InvalidEventSelectorsException(path, "must be a string, not " + kind(node));
    }
    return node.textValue();
  }

  /** A condition value: YAML turns {@code true} or {@code 200} into a boolean or number; CloudTrail reads text. */
  private static String scalar(JsonNode node, String path) throws InvalidEventSelectorsException {
    if (node.isBoolean() || node.isNumber()) {
      return node.asText();
    }
    return text(node, path);
  }

  private static boolean bool(JsonNode node, String path) throws InvalidEventSelectorsException {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual() && (node.textValue().equals("true") || node.textValue().equals("false"))) {
      return Boolean.parseBoolean(node.textValue());
    }
    throw new InvalidEventSelectorsException(path, "must be true or false, not "
        + (node.isTextual() ? Quoted.of(node.textValue()) : kind(node)));
  }

  private static void requireObject(JsonNode node, String path, String what) throws InvalidEventSelectorsException {
    if (!node.isObject()) {
      throw new InvalidEventSelectorsException(path, "must be " + what + " (an object), not " + kind(node));
    }
  }

  private static void checkMembers(JsonNode node, String path, List<String> allowed)
      throws InvalidEventSelectorsException {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidEventSelectorsException(path.isEmpty() ? name : path + "." + name,
            "unknown member " + Quoted.of(name) + " (names are case-sensitive); allowed: "
                + allowed.stream().collect(Collectors.joining(", ")));
      }
    }
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "the string " + Quoted.of(node.textValue());
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> "the boolean " + node.asText();
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "parse error";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    // Jackson appends where a container began, naming a redacted source: the line and column given suffice.
    return line.replaceFirst(" ?\\(for \\w+ starting at \\[Source:.*$", "").replaceFirst(" ?at \\[Source:.*$", "");
  }
}
