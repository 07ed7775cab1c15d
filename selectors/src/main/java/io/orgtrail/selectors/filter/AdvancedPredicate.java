package io.orgtrail.selectors.filter;

import io.orgtrail.selectors.AdvancedEventSelector;
import io.orgtrail.selectors.FieldSelector;
import io.orgtrail.selectors.SelectorField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An advanced event selector: all its field selectors must hold. Conditions on {@code resources.type} and
 * {@code resources.ARN} must hold together for one entry of the record's {@code resources}; a record without
 * resources fails any selector that tests them.
 */
final class AdvancedPredicate implements EventPredicate {
  private final List<Function<EventFacts, String>> eventFields = new ArrayList<>();
  private final List<ValueCondition> eventConditions = new ArrayList<>();
  private final ValueCondition resourceType;
  private final ValueCondition resourceArn;
  private final Needs needs;

  AdvancedPredicate(AdvancedEventSelector selector) {
    Needs needed = Needs.NOTHING;
    ValueCondition type = null;
    ValueCondition arn = null;
    for (FieldSelector field : selector.fieldSelectors()) {
      SelectorField known = SelectorField.fromWireName(field.field()).orElseThrow(() ->
          new IllegalArgumentException("unvalidated selector: unknown field " + field.field()));
      ValueCondition condition = new ValueCondition(field);
      switch (known) {
        case RESOURCES_TYPE -> type = condition;
        case RESOURCES_ARN -> arn = condition;
        default -> {
          eventFields.add(accessor(known));
          eventConditions.add(condition);
        }
      }
      needed = needed.or(switch (known) {
        case EVENT_SOURCE -> new Needs(true, false, false, false, false);
        case EVENT_NAME -> new Needs(false, true, false, false, false);
        case ERROR_CODE -> new Needs(false, false, true, false, false);
        case USER_IDENTITY_ARN -> new Needs(false, false, false, true, false);
        case RESOURCES_TYPE, RESOURCES_ARN -> new Needs(false, false, false, false, true);
        default -> Needs.NOTHING;
      });
    }
    this.resourceType = type;
    this.resourceArn = arn;
    this.needs = needed;
  }

  private static Function<EventFacts, String> accessor(SelectorField field) {
    return switch (field) {
      case EVENT_CATEGORY -> EventFacts::category;
      case EVENT_SOURCE -> EventFacts::eventSource;
      case EVENT_NAME -> EventFacts::eventName;
      case EVENT_TYPE -> EventFacts::eventType;
      case READ_ONLY -> e -> e.readOnly() ? "true" : "false";
      case ERROR_CODE -> EventFacts::errorCode;
      case USER_IDENTITY_ARN -> EventFacts::userIdentityArn;
      case RESOURCES_TYPE, RESOURCES_ARN -> throw new IllegalArgumentException("resources are tested per entry");
    };
  }

  @Override
  public boolean test(EventFacts event) {
    for (int i = 0; i < eventConditions.size(); i++) {
      if (!eventConditions.get(i).test(eventFields.get(i).apply(event))) {
        return false;
      }
    }
    if (resourceType == null && resourceArn == null) {
      return true;
    }
    for (ResourceRef ref : event.resources()) {
      if ((resourceType == null || resourceType.test(ref.type()))
          && (resourceArn == null || resourceArn.test(ref.arn()))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Needs needs() {
    return needs;
  }
}
