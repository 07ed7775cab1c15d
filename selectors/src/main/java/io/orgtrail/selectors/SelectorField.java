package io.orgtrail.selectors;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The record fields an advanced selector may test, by CloudTrail's names (case-sensitive). */
public enum SelectorField {
  EVENT_CATEGORY("eventCategory", EnumSet.of(Operator.EQUALS)),
  EVENT_SOURCE("eventSource", EnumSet.allOf(Operator.class)),
  EVENT_NAME("eventName", EnumSet.allOf(Operator.class)),
  EVENT_TYPE("eventType", EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS)),
  READ_ONLY("readOnly", EnumSet.of(Operator.EQUALS)),
  RESOURCES_TYPE("resources.type", EnumSet.of(Operator.EQUALS)),
  RESOURCES_ARN("resources.ARN", EnumSet.allOf(Operator.class)),
  USER_IDENTITY_ARN("userIdentity.arn", EnumSet.allOf(Operator.class)),
  ERROR_CODE("errorCode", EnumSet.allOf(Operator.class));

  private final String wireName;
  private final Set<Operator> operators;

  SelectorField(String wireName, Set<Operator> operators) {
    this.wireName = wireName;
    this.operators = operators;
  }

  public String wireName() {
    return wireName;
  }

  /** The operators CloudTrail accepts on this field. */
  public Set<Operator> operators() {
    return EnumSet.copyOf(operators);
  }

  public boolean allows(Operator operator) {
    return operators.contains(operator);
  }

  public static Optional<SelectorField> fromWireName(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
  }
}
