package io.orgtrail.history;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The lookup attributes of CloudTrail's LookupEvents, by their wire names. */
public enum AttributeKey {
  EVENT_ID("EventId"),
  EVENT_NAME("EventName"),
  READ_ONLY("ReadOnly"),
  USERNAME("Username"),
  RESOURCE_TYPE("ResourceType"),
  RESOURCE_NAME("ResourceName"),
  EVENT_SOURCE("EventSource"),
  ACCESS_KEY_ID("AccessKeyId");

  private final String wireName;

  AttributeKey(String wireName) {
    this.wireName = wireName;
  }

  /** The name LookupEvents uses, e.g. {@code EventName}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The key named {@code wireName} (exact, case-sensitive, as CloudTrail does).
   *
   * @throws LookupException InvalidLookupAttributesException when there is no such key
   */
  public static AttributeKey fromWireName(String wireName) throws LookupException {
    for (AttributeKey key : values()) {
      if (key.wireName.equals(wireName)) {
        return key;
      }
    }
    throw new LookupException(LookupError.INVALID_LOOKUP_ATTRIBUTES,
        "unknown lookup attribute key '" + wireName + "'; use one of "
            + Arrays.stream(values()).map(AttributeKey::wireName).collect(Collectors.joining(", ")));
  }
}
