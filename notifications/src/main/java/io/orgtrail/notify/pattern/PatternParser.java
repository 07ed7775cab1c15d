package io.orgtrail.notify.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgtrail.notify.pattern.NumericMatcher.Comparison;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles pattern JSON into matchers, rejecting what EventBridge would reject, with the JSON path of the mistake. */
final class PatternParser {
  private static final String MATCHERS = "prefix, suffix, anything-but, exists, numeric, equals-ignore-case";

  private PatternParser() {}

  static FieldsNode parseRoot(JsonNode pattern) {
    if (pattern == null || !pattern.isObject()) {
      throw new InvalidEventPatternException("an event pattern must be a JSON object such as"
          + " {\"detail\":{\"eventName\":[\"DeleteTable\"]}}, not " + describe(pattern));
    }
    return parseFields(pattern, "");
  }

  private static FieldsNode parseFields(JsonNode object, String path) {
    if (object.isEmpty()) {
      throw new InvalidEventPatternException(where(path) + "a pattern object must name at least one field"
          + " (an empty object would match every event)");
    }
    Map<String, PatternNode> fields = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        fields.put(field.getKey(), parseFields(value, childPath));
      } else if (value.isArray()) {
        fields.put(field.getKey(), parseLeaf(value, childPath));
      } else {
        throw new InvalidEventPatternException(childPath + ": a pattern leaf must be an array of matchers, not "
            + value + " (write [" + value + "] to match that value)");
      }
    }
    return new FieldsNode(fields);
  }

  private static LeafNode parseLeaf(JsonNode array, String path) {
    if (array.isEmpty()) {
      throw new InvalidEventPatternException(path + ": a pattern leaf must hold at least one matcher, not []");
    }
    List<Matcher> matchers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      matchers.add(parseMatcher(array.get(i), path + "[" + i + "]"));
    }
    return new LeafNode(matchers);
  }

  private static Matcher parseMatcher(JsonNode node, String path) {
    if (node.isValueNode()) {
      return new ExactMatcher(node);
    }
    if (node.isArray()) {
      throw new InvalidEventPatternException(path + ": a matcher must be a value or an object such as"
          + " {\"prefix\": \"...\"}, not the array " + node);
    }
    if (node.size() != 1) {
      throw new InvalidEventPatternException(path + ": a matcher object must have exactly one key (one of " + MATCHERS
          + "), not " + node);
    }
    Map.Entry<String, JsonNode> entry = node.fields().next();
    String operand = path + "." + entry.getKey();
    JsonNode value = entry.getValue();
    switch (entry.getKey()) {
      case "prefix":
        return new PrefixMatcher(text(value, operand));
      case "suffix":
        return new SuffixMatcher(text(value, operand));
      case "equals-ignore-case":
        return new EqualsIgnoreCaseMatcher(text(value, operand));
      case "exists":
        if (!value.isBoolean()) {
          throw new InvalidEventPatternException(operand + ": exists takes true or false, not " + value);
        }
        return new ExistsMatcher(value.booleanValue());
      case "numeric":
        return parseNumeric(value, operand);
      case "anything-but":
        return parseAnythingBut(value, operand);
      default:
        throw new InvalidEventPatternException(path + ": unknown matcher \"" + entry.getKey() + "\"; allowed: "
            + MATCHERS + ", or an exact value");
    }
  }

  private static Matcher parseAnythingBut(JsonNode value, String path) {
    if (value.isValueNode()) {
      return new AnythingButMatcher(List.of(new ExactMatcher(value)));
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        throw new InvalidEventPatternException(path + ": anything-but needs at least one value, not []");
      }
      List<Matcher> excluded = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        if (!item.isValueNode()) {
          throw new InvalidEventPatternException(path + "[" + i + "]: anything-but lists plain values only, not "
              + item);
        }
        excluded.add(new ExactMatcher(item));
      }
      return new AnythingButMatcher(excluded);
    }
    if (value.size() == 1 && value.has("prefix")) {
      return new AnythingButMatcher(List.of(new PrefixMatcher(text(value.get("prefix"), path + ".prefix"))));
    }
    if (value.size() == 1 && value.has("suffix")) {
      return new AnythingButMatcher(List.of(new SuffixMatcher(text(value.get("suffix"), path + ".suffix"))));
    }
    throw new InvalidEventPatternException(path + ": anything-but takes a value, an array of values,"
        + " {\"prefix\": \"...\"} or {\"suffix\": \"...\"}, not " + value);
  }

  private static Matcher parseNumeric(JsonNode value, String path) {
    String usage = "numeric takes one or two comparisons such as [\">\", 0, \"<=\", 5] (operators = < <= > >=)";
    if (!value.isArray() || (value.size() != 2 && value.size() != 4)) {
      throw new InvalidEventPatternException(path + ": " + usage + ", not " + value);
    }
    List<Comparison> comparisons = new ArrayList<>();
    for (int i = 0; i < value.size(); i += 2) {
      JsonNode operator = value.get(i);
      JsonNode operand = value.get(i + 1);
      if (!operator.isTextual() || !Comparison.OPERATORS.contains(operator.textValue())) {
        throw new InvalidEventPatternException(path + "[" + i + "]: unknown numeric operator " + operator
            + "; allowed: = < <= > >=");
      }
      if (!operand.isNumber()) {
        throw new InvalidEventPatternException(path + "[" + (i + 1) + "]: numeric compares with a number, not "
            + operand);
      }
      comparisons.add(new Comparison(operator.textValue(), operand.decimalValue()));
    }
    if (comparisons.size() == 2) {
      Comparison low = comparisons.get(0);
      Comparison high = comparisons.get(1);
      if (!low.isLowerBound() || !high.isUpperBound()) {
        throw new InvalidEventPatternException(path + ": two numeric comparisons must be a range, a lower bound"
            + " (> or >=) then an upper bound (< or <=), not " + value);
      }
      BigDecimal lowValue = low.operand();
      if (lowValue.compareTo(high.operand()) > 0) {
        throw new InvalidEventPatternException(path + ": the range " + value + " is empty (lower bound above the"
            + " upper bound)");
      }
    }
    return new NumericMatcher(comparisons);
  }

  private static String text(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw new InvalidEventPatternException(path + ": expected a string, not " + value);
    }
    return value.textValue();
  }

  private static String where(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  private static String describe(JsonNode node) {
    return node == null ? "nothing" : node.toString();
  }
}
