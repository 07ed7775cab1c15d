package io.orgtrail.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.orgtrail.format.layout.AccountId;
import io.orgtrail.policy.condition.Condition;
import io.orgtrail.policy.condition.ConditionOperator;
import io.orgtrail.policy.condition.ConditionValues;
import io.orgtrail.policy.condition.Operator;
import io.orgtrail.policy.text.Spelling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads policy JSON into a {@link PolicyDocument}; every mistake is an {@link InvalidPolicyException} saying where. */
final class PolicyParser {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final List<String> TOP_LEVEL = List.of("Version", "Id", "Statement");
  private static final List<String> STATEMENT_ELEMENTS =
      List.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");
  private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+");
  private static final String DOCUMENT = "(document)";
  private static final Map<Operator.Family, String> FAMILY_WORDS =
      Map.of(
          Operator.Family.NUMERIC, "numbers",
          Operator.Family.DATE, "dates",
          Operator.Family.BOOL, "true or false",
          Operator.Family.NULL, "true (key absent) or false (key present)",
          Operator.Family.BINARY, "base64 bytes",
          Operator.Family.IP, "IP addresses",
          Operator.Family.STRING, "text",
          Operator.Family.ARN, "ARNs");
  private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ");
  private static final String EXAMPLE =
      "a policy looks like {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
          + " \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}]}";

  PolicyDocument parse(String json) throws InvalidPolicyException {
    if (json == null || json.isBlank()) {
      throw new InvalidPolicyException(DOCUMENT, "the policy is empty", EXAMPLE);
    }
    JsonNode root = readTree(json);
    if (!root.isObject()) {
      throw new InvalidPolicyException(DOCUMENT, "the policy is a JSON " + typeName(root) + ", not an object", EXAMPLE);
    }
    checkElements(root, TOP_LEVEL, "", "a policy has only the elements Version, Id and Statement");
    boolean versionDeclared = root.has("Version");
    String version = versionDeclared ? version(root.get("Version")) : PolicyVersion.V2008_10_17;
    String id = null;
    if (root.has("Id")) {
      id = text(root.get("Id"), "Id", "give the policy id as a string, such as \"org-trail-bucket\", or leave it out");
    }
    List<Statement> statements = statements(root.get("Statement"));
    return PolicyDocument.parsed(version, versionDeclared, id, statements);
  }

  private static JsonNode readTree(String json) throws InvalidPolicyException {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Jackson names the (redacted) source inside its message; keep only the line and column.
      String original = e.getOriginalMessage() == null ? "" : SOURCE.matcher(e.getOriginalMessage()).replaceAll("[");
      JsonLocation where = e.getLocation();
      String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      if (original.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
        String field = parser.getParsingContext().getCurrentName();
        String location = pointerToLocation(parser.getParsingContext().pathAsPointer().toString());
        throw new InvalidPolicyException(
            location,
            "the element \"" + field + "\" appears twice" + at,
            "give each element once; for several values use an array, such as \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"]");
      }
      throw new InvalidPolicyException(
          DOCUMENT, "the policy is not valid JSON" + at + ": " + original.lines().findFirst().orElse(""), EXAMPLE);
    }
  }

  /** {@code /Statement/0/Effect} becomes {@code Statement[0].Effect}. */
  private static String pointerToLocation(String pointer) {
    StringBuilder b = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        b.append('[').append(name).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(name);
      }
    }
    return b.length() == 0 ? DOCUMENT : b.toString();
  }

  private static String version(JsonNode node) throws InvalidPolicyException {
    String remedy = "use \"Version\": \"" + PolicyVersion.V2012_10_17 + "\" (or \"" + PolicyVersion.V2008_10_17
        + "\" for old policies, without policy variables)";
    if (!node.isTextual()) {
      throw new InvalidPolicyException("Version", "Version is a JSON " + typeName(node) + ", not a string", remedy);
    }
    if (!PolicyVersion.ALL.contains(node.asText())) {
      throw new InvalidPolicyException("Version", "Version \"" + node.asText() + "\" is not supported", remedy);
    }
    return node.asText();
  }

  private static List<Statement> statements(JsonNode node) throws InvalidPolicyException {
    String remedy = "give one statement object or an array of them, " + EXAMPLE;
    if (node == null) {
      throw new InvalidPolicyException("Statement", "the policy has no Statement", remedy);
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (node.isObject()) {
      nodes.add(node);
    } else if (node.isArray()) {
      node.forEach(nodes::add);
      if (nodes.isEmpty()) {
        throw new InvalidPolicyException("Statement", "Statement is an empty array", remedy);
      }
    } else {
      throw new InvalidPolicyException(
          "Statement", "Statement is a JSON " + typeName(node) + ", not an object or an array of objects", remedy);
    }
    List<Statement> statements = new ArrayList<>();
    Map<String, Integer> sids = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      Statement s = new StatementReader(i, nodes.get(i)).read();
      if (s.sid() != null) {
        Integer earlier = sids.putIfAbsent(s.sid(), i);
        if (earlier != null) {
          throw new InvalidPolicyException(
              Statement.describe(i, s.sid()) + ".Sid",
              "the Sid \"" + s.sid() + "\" is already used by Statement[" + earlier + "]",
              "give each statement its own Sid");
        }
      }
      statements.add(s);
    }
    return statements;
  }

  /** Reads one statement; knows its index and Sid for messages. */
  private static final class StatementReader {
    private final int index;
    private final JsonNode node;
    private String sid;

    StatementReader(int index, JsonNode node) {
      this.index = index;
      this.node = node;
    }

    private String where() {
      return Statement.describe(index, sid);
    }

    private String at(String field) {
      return where() + "." + field;
    }

    Statement read() throws InvalidPolicyException {
      if (!node.isObject()) {
        throw new InvalidPolicyException(
            where(), "the statement is a JSON " + typeName(node) + ", not an object",
            "write each statement as an object with Effect, Action and Resource");
      }
      if (node.has("Sid")) {
        JsonNode s = node.get("Sid");
        if (!s.isTextual()) {
          throw new InvalidPolicyException(
              at("Sid"), "Sid is a JSON " + typeName(s) + ", not a string", "give the statement id as a string, such as \"ReadOwnLogs\"");
        }
        sid = s.asText();
      }
      checkElements(
          node, STATEMENT_ELEMENTS, where() + ".",
          "a statement has only Sid, Effect, Principal or NotPrincipal, Action or NotAction, Resource or NotResource, and Condition");
      Effect effect = effect();
      PrincipalElement principal = principal();
      ActionElement action = action();
      ResourceElement resource = resource();
      List<Condition> conditions = conditions();
      return new Statement(sid, effect, principal, action, resource, conditions);
    }

    private Effect effect() throws InvalidPolicyException {
      String remedy = "use \"Effect\": \"Allow\" or \"Effect\": \"Deny\" (case-sensitive)";
      JsonNode e = node.get("Effect");
      if (e == null) {
        throw new InvalidPolicyException(at("Effect"), "the statement has no Effect", remedy);
      }
      for (Effect effect : Effect.values()) {
        if (e.isTextual() && effect.jsonName().equals(e.asText())) {
          return effect;
        }
      }
      throw new InvalidPolicyException(at("Effect"), "Effect " + e + " is neither Allow nor Deny", remedy);
    }

    private PrincipalElement principal() throws InvalidPolicyException {
      if (node.has("Principal") && node.has("NotPrincipal")) {
        throw new InvalidPolicyException(
            at("Principal"), "the statement has both Principal and NotPrincipal", "keep one of them");
      }
      String name = node.has("Principal") ? "Principal" : "NotPrincipal";
      JsonNode p = node.get(name);
      if (p == null) {
        return null;
      }
      boolean negated = name.equals("NotPrincipal");
      String remedy = "write " + name + " as \"*\" or as an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}"
          + " or {\"Service\": \"cloudtrail.amazonaws.com\"}";
      if (p.isTextual()) {
        if (p.asText().equals("*")) {
          return new PrincipalElement(negated, true, Map.of());
        }
        throw new InvalidPolicyException(at(name), name + " is the string \"" + p.asText() + "\"", remedy);
      }
      if (!p.isObject() || p.isEmpty()) {
        throw new InvalidPolicyException(
            at(name), name + " is " + (p.isObject() ? "an empty object" : "a JSON " + typeName(p)), remedy);
      }
      Map<String, List<String>> byType = new LinkedHashMap<>();
      for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
        String type = it.next();
        if (!PrincipalElement.TYPES.contains(type)) {
          throw new InvalidPolicyException(
              at(name + "." + type), "\"" + type + "\" is not a principal type",
              "use AWS, Service, Federated or CanonicalUser (case-sensitive)" + suggestion(type, PrincipalElement.TYPES));
        }
        List<String> ids = strings(p.get(type), name + "." + type, "a principal");
        if (type.equals("AWS")) {
          for (String id : ids) {
            if (!id.equals("*") && !AccountId.isValid(id) && !(id.startsWith("arn:") && id.split(":", -1).length >= 6)) {
              throw new InvalidPolicyException(
                  at(name + ".AWS"), "\"" + id + "\" is not an AWS principal",
                  "give a 12-digit account id, an ARN such as arn:aws:iam::111122223333:role/auditor, or \"*\"");
            }
          }
        }
        byType.put(type, ids);
      }
      return new PrincipalElement(negated, false, byType);
    }

    private ActionElement action() throws InvalidPolicyException {
      String name = pickOne("Action", "NotAction", "such as \"Action\": \"s3:GetObject\"");
      List<String> actions = strings(node.get(name), name, "an action");
      for (String a : actions) {
        if (!a.equals("*") && !ACTION.matcher(a).matches()) {
          throw new InvalidPolicyException(
              at(name), "\"" + a + "\" is not an action",
              "write actions as service:action, such as s3:GetObject or s3:Get*, or \"*\" for every action");
        }
      }
      return new ActionElement(name.equals("NotAction"), actions);
    }

    private ResourceElement resource() throws InvalidPolicyException {
      String name = pickOne("Resource", "NotResource", "such as \"Resource\": \"arn:aws:s3:::bucket/*\"");
      List<String> resources = strings(node.get(name), name, "a resource");
      for (String r : resources) {
        if (!r.equals("*") && !(r.startsWith("arn:") && r.split(":", -1).length >= 6)) {
          throw new InvalidPolicyException(
              at(name), "\"" + r + "\" is not an ARN",
              "write resources as ARNs, such as arn:aws:s3:::bucket or arn:aws:s3:::bucket/AWSLogs/*, or \"*\"");
        }
      }
      return new ResourceElement(name.equals("NotResource"), resources);
    }

    private String pickOne(String positive, String negative, String example) throws InvalidPolicyException {
      boolean hasPositive = node.has(positive);
      boolean hasNegative = node.has(negative);
      if (hasPositive && hasNegative) {
        throw new InvalidPolicyException(
            at(positive), "the statement has both " + positive + " and " + negative, "keep one of them");
      }
      if (!hasPositive && !hasNegative) {
        throw new InvalidPolicyException(
            at(positive), "the statement has neither " + positive + " nor " + negative, "add one, " + example);
      }
      return hasPositive ? positive : negative;
    }

    private List<Condition> conditions() throws InvalidPolicyException {
      JsonNode block = node.get("Condition");
      if (block == null) {
        return List.of();
      }
      String example = "such as \"Condition\": {\"StringLike\": {\"s3:prefix\": [\"AWSLogs/*\"]}}";
      if (!block.isObject()) {
        throw new InvalidPolicyException(
            at("Condition"), "Condition is a JSON " + typeName(block) + ", not an object", "write it " + example);
      }
      List<Condition> conditions = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> ops = block.fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String opWhere = "Condition." + op.getKey();
        ConditionOperator operator = ConditionOperator.parse(op.getKey()).orElse(null);
        if (operator == null && op.getKey().endsWith("NullIfExists")) {
          throw new InvalidPolicyException(
              at(opWhere), "unknown condition operator \"" + op.getKey() + "\"",
              "use Null: it has no IfExists form because it already tests whether the key exists");
        }
        if (operator == null) {
          throw new InvalidPolicyException(
              at(opWhere), "unknown condition operator \"" + op.getKey() + "\"",
              ConditionOperator.suggestion(op.getKey()).map(o -> "did you mean " + o + "? ").orElse("")
                  + "operators are case-sensitive, such as StringEquals, StringLike, ArnLike, Bool, NumericLessThan,"
                  + " DateGreaterThan, IpAddress or Null, optionally with IfExists and ForAnyValue:/ForAllValues:");
        }
        JsonNode tests = op.getValue();
        if (!tests.isObject() || tests.isEmpty()) {
          throw new InvalidPolicyException(
              at(opWhere), op.getKey() + " is " + (tests.isObject() ? "an empty object" : "a JSON " + typeName(tests)),
              "give it an object of condition keys and values, " + example);
        }
        for (Iterator<Map.Entry<String, JsonNode>> keys = tests.fields(); keys.hasNext(); ) {
          Map.Entry<String, JsonNode> key = keys.next();
          String keyWhere = opWhere + "." + key.getKey();
          List<String> values = conditionValues(key.getValue(), keyWhere);
          for (String v : values) {
            Optional<String> problem = ConditionValues.problem(operator.operator().family(), v);
            if (problem.isPresent()) {
              throw new InvalidPolicyException(
                  at(keyWhere), "the value \"" + v + "\" " + problem.get(),
                  operator.name() + " compares " + FAMILY_WORDS.get(operator.operator().family())
                      + ": fix the value, or use a String operator to compare text");
            }
          }
          conditions.add(new Condition(operator, key.getKey(), values));
        }
      }
      return conditions;
    }

    private List<String> conditionValues(JsonNode v, String field) throws InvalidPolicyException {
      String remedy = "give a string, number or boolean, or an array of them, such as [\"a\", \"b\"]";
      List<JsonNode> nodes = new ArrayList<>();
      if (v.isArray()) {
        v.forEach(nodes::add);
        if (nodes.isEmpty()) {
          throw new InvalidPolicyException(at(field), "the condition has an empty array of values", remedy);
        }
      } else {
        nodes.add(v);
      }
      List<String> values = new ArrayList<>();
      for (JsonNode n : nodes) {
        if (!(n.isTextual() || n.isNumber() || n.isBoolean())) {
          throw new InvalidPolicyException(
              at(field), "a condition value is a JSON " + typeName(n) + ", not a string, number or boolean", remedy);
        }
        values.add(n.asText());
      }
      return values;
    }

    private List<String> strings(JsonNode v, String field, String what) throws InvalidPolicyException {
      String remedy = "give " + what + " as a string or a non-empty array of strings";
      List<String> values = new ArrayList<>();
      if (v.isTextual()) {
        values.add(v.asText());
      } else if (v.isArray() && !v.isEmpty()) {
        for (JsonNode n : v) {
          if (!n.isTextual()) {
            throw new InvalidPolicyException(at(field), field + " holds a JSON " + typeName(n) + ", not a string", remedy);
          }
          values.add(n.asText());
        }
      } else {
        throw new InvalidPolicyException(
            at(field), field + " is " + (v.isArray() ? "an empty array" : "a JSON " + typeName(v)), remedy);
      }
      return values;
    }
  }

  private static void checkElements(JsonNode object, List<String> known, String prefix, String remedy)
      throws InvalidPolicyException {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new InvalidPolicyException(
            prefix + name, "unknown element \"" + name + "\"", remedy + " (names are case-sensitive)" + suggestion(name, known));
      }
    }
  }

  private static String suggestion(String name, List<String> known) {
    return Spelling.closest(name, known, 2).map(k -> "; did you mean " + k + "?").orElse("");
  }

  private static String text(JsonNode node, String location, String remedy) throws InvalidPolicyException {
    if (!node.isTextual()) {
      throw new InvalidPolicyException(location, location + " is a JSON " + typeName(node) + ", not a string", remedy);
    }
    return node.asText();
  }

  private static String typeName(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return switch (type) {
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary value";
    };
  }
}
