package io.orgtrail.selectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes selectors in GetEventSelectors' shape, members in CloudTrail's order, defaults written out. */
final class SelectorsWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SelectorsWriter() {}

  static String write(TrailSelectors selectors) {
    try {
      return MAPPER.writeValueAsString(tree(selectors));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and booleans always serialises", e);
    }
  }

  static JsonNode tree(TrailSelectors selectors) {
    ObjectNode root = NODES.objectNode();
    if (selectors instanceof BasicSelectors basic) {
      ArrayNode list = root.putArray(SelectorsReader.EVENT_SELECTORS);
      basic.selectors().forEach(s -> list.add(basic(s)));
    } else if (selectors instanceof AdvancedSelectors advanced) {
      ArrayNode list = root.putArray(SelectorsReader.ADVANCED_EVENT_SELECTORS);
      advanced.selectors().forEach(s -> list.add(advanced(s)));
    }
    return root;
  }

  private static ObjectNode basic(EventSelector selector) {
    ObjectNode node = NODES.objectNode();
    node.put("ReadWriteType", selector.readWriteType().wireName());
    node.put("IncludeManagementEvents", selector.includeManagementEvents());
    ArrayNode resources = node.putArray("DataResources");
    for (DataResource resource : selector.dataResources()) {
      ObjectNode r = resources.addObject();
      r.put("Type", resource.type());
      strings(r.putArray("Values"), resource.values());
    }
    strings(node.putArray("ExcludeManagementEventSources"), selector.excludeManagementEventSources());
    return node;
  }

  private static ObjectNode advanced(AdvancedEventSelector selector) {
    ObjectNode node = NODES.objectNode();
    selector.name().ifPresent(name -> node.put("Name", name));
    ArrayNode fields = node.putArray("FieldSelectors");
    for (FieldSelector field : selector.fieldSelectors()) {
      ObjectNode f = fields.addObject();
      f.put("Field", field.field());
      field.conditions().forEach((op, values) -> {
        if (!values.isEmpty()) {
          strings(f.putArray(op.wireName()), values);
        }
      });
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
