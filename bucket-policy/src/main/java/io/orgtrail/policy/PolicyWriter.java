package io.orgtrail.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.policy.condition.Condition;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes a {@link PolicyDocument} as JSON in AWS's element order. */
final class PolicyWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PolicyWriter() {}

  static String compact(PolicyDocument policy) {
    try {
      return JSON.writeValueAsString(tree(policy, false));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compact, with every list of strings as an array: the form MinIO measures a session policy in. */
  static String compactWithArrays(PolicyDocument policy) {
    try {
      return JSON.writeValueAsString(tree(policy, true));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pretty(PolicyDocument policy) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    try {
      return JSON.writer(printer).writeValueAsString(tree(policy, false));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode tree(PolicyDocument policy, boolean arrays) {
    ObjectNode root = NODES.objectNode();
    root.put("Version", policy.version());
    policy.id().ifPresent(id -> root.put("Id", id));
    ArrayNode statements = root.putArray("Statement");
    for (Statement s : policy.statements()) {
      ObjectNode node = statements.addObject();
      if (s.sid() != null) {
        node.put("Sid", s.sid());
      }
      node.put("Effect", s.effect().jsonName());
      if (s.principal() != null) {
        PrincipalElement p = s.principal();
        if (p.wildcard()) {
          node.put(p.jsonName(), "*");
        } else {
          ObjectNode byType = node.putObject(p.jsonName());
          p.byType().forEach((type, ids) -> byType.set(type, stringOrArray(ids, arrays)));
        }
      }
      node.set(s.action().jsonName(), stringOrArray(s.action().patterns(), arrays));
      node.set(s.resource().jsonName(), stringOrArray(s.resource().patterns(), arrays));
      if (!s.conditions().isEmpty()) {
        ObjectNode block = node.putObject("Condition");
        for (Condition c : s.conditions()) {
          ObjectNode op = block.has(c.operator().name()) ? (ObjectNode) block.get(c.operator().name())
              : block.putObject(c.operator().name());
          op.set(c.key(), stringOrArray(c.values(), arrays));
        }
      }
    }
    return root;
  }

  private static com.fasterxml.jackson.databind.JsonNode stringOrArray(List<String> values, boolean arrays) {
    if (values.size() == 1 && !arrays) {
      return NODES.textNode(values.get(0));
    }
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
