package io.orgtrail.selectors;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** CloudTrail's rules for PutEventSelectors, for trails. The first problem found is reported. */
final class SelectorsValidator {
  static final int MAX_BASIC_SELECTORS = 5;
  static final int MAX_DATA_RESOURCE_VALUES = 250;
  static final int MAX_ADVANCED_VALUES = 500;
  static final int MAX_VALUE_LENGTH = 2048;
  static final int MAX_NAME_LENGTH = 1000;
  static final List<String> BASIC_RESOURCE_TYPES =
      List.of(DataResource.S3_OBJECT, DataResource.LAMBDA_FUNCTION, DataResource.DYNAMODB_TABLE);
  static final List<String> EXCLUDABLE_SOURCES = List.of("kms.amazonaws.com", "rdsdata.amazonaws.com");
  static final List<String> CATEGORIES = List.of("Management", "Data", "NetworkActivity");
  static final List<String> EVENT_TYPES = List.of("AwsApiCall", "AwsServiceEvent", "AwsConsoleAction",
      "AwsConsoleSignIn", "AwsVpceEvent", "AwsCloudTrailInsight");
  static final List<String> BOOLEANS = List.of("true", "false");

  private static final String PARTITION = "aws(?:-[a-z]+)*";
  /** Per basic resource type: the whole-service value ("arn:aws:s3") or the shape of one resource's ARN. */
  private static final Map<String, Pattern> BASIC_VALUES = Map.of(
      DataResource.S3_OBJECT,
      Pattern.compile("arn:" + PARTITION + ":s3(?::::|:::[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]/.*)?"),
      DataResource.LAMBDA_FUNCTION,
      Pattern.compile("arn:" + PARTITION + ":lambda(?::[a-z0-9\\-]+:\\d{12}:function:[A-Za-z0-9_\\-]+"
          + "(?::[A-Za-z0-9_$\\-]+)?)?"),
      DataResource.DYNAMODB_TABLE,
      Pattern.compile("arn:" + PARTITION + ":dynamodb(?::[a-z0-9\\-]+:\\d{12}:table/[A-Za-z0-9_.\\-]+)?"));
  private static final Map<String, String> BASIC_VALUE_EXAMPLES = Map.of(
      DataResource.S3_OBJECT, "arn:aws:s3 (all buckets), arn:aws:s3:::bucket/ or arn:aws:s3:::bucket/prefix",
      DataResource.LAMBDA_FUNCTION, "arn:aws:lambda (all functions) or a function ARN such as "
          + "arn:aws:lambda:us-east-1:111122223333:function:name",
      DataResource.DYNAMODB_TABLE, "arn:aws:dynamodb (all tables) or a table ARN such as "
          + "arn:aws:dynamodb:us-east-1:111122223333:table/name");

  private SelectorsValidator() {}

  static String fieldNames() {
    return Stream.of(SelectorField.values()).map(SelectorField::wireName).collect(Collectors.joining(", "));
  }

  static void validate(TrailSelectors selectors) throws InvalidEventSelectorsException {
    if (selectors instanceof BasicSelectors basic) {
      validateBasic(basic.selectors());
    } else if (selectors instanceof AdvancedSelectors advanced) {
      validateAdvanced(advanced.selectors());
    }
  }

  private static void validateBasic(List<EventSelector> selectors) throws InvalidEventSelectorsException {
    String root = SelectorsReader.EVENT_SELECTORS;
    if (selectors.isEmpty()) {
      throw new InvalidEventSelectorsException(root, "the list is empty; give at least one event selector"
          + " (CloudTrail's default is {\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}; to log no"
          + " management events set IncludeManagementEvents to false)");
    }
    if (selectors.size() > MAX_BASIC_SELECTORS) {
      throw new InvalidEventSelectorsException(root, "too many event selectors: " + selectors.size()
          + ", at most " + MAX_BASIC_SELECTORS + " are allowed (use AdvancedEventSelectors for more)");
    }
    int totalValues = 0;
    for (int i = 0; i < selectors.size(); i++) {
      EventSelector selector = selectors.get(i);
      String path = root + "[" + i + "]";
      List<DataResource> resources = selector.dataResources();
      for (int r = 0; r < resources.size(); r++) {
        totalValues += validateResource(resources.get(r), path + ".DataResources[" + r + "]");
      }
      List<String> excluded = selector.excludeManagementEventSources();
      for (int e = 0; e < excluded.size(); e++) {
        String source = excluded.get(e);
        if (!EXCLUDABLE_SOURCES.contains(source)) {
          throw new InvalidEventSelectorsException(path + ".ExcludeManagementEventSources[" + e + "]",
              Quoted.of(source) + " cannot be excluded; allowed: " + String.join(", ", EXCLUDABLE_SOURCES)
                  + " (advanced event selectors can exclude any source with eventSource NotEquals)");
        }
      }
    }
    if (totalValues > MAX_DATA_RESOURCE_VALUES) {
      throw new InvalidEventSelectorsException(root, "too many data resource values: " + totalValues
          + " in all selectors, at most " + MAX_DATA_RESOURCE_VALUES + " are allowed");
    }
  }

  private static int validateResource(DataResource resource, String path) throws InvalidEventSelectorsException {
    Pattern shape = BASIC_VALUES.get(resource.type());
    if (shape == null) {
      throw new InvalidEventSelectorsException(path + ".Type", Quoted.of(resource.type())
          + " is not a data resource type basic event selectors support; allowed: "
          + String.join(", ", BASIC_RESOURCE_TYPES) + " (other types need AdvancedEventSelectors)");
    }
    List<String> values = resource.values();
    if (values.isEmpty()) {
      throw new InvalidEventSelectorsException(path + ".Values", "Values is empty; give at least one ARN or"
          + " ARN prefix for " + resource.type() + ": " + BASIC_VALUE_EXAMPLES.get(resource.type()));
    }
    for (int v = 0; v < values.size(); v++) {
      String value = values.get(v);
      if (value.length() > MAX_VALUE_LENGTH || !shape.matcher(value).matches()) {
        throw new InvalidEventSelectorsException(path + ".Values[" + v + "]", Quoted.of(value)
            + " is not a valid value for " + resource.type() + "; give "
            + BASIC_VALUE_EXAMPLES.get(resource.type()));
      }
    }
    return values.size();
  }

  private static void validateAdvanced(List<AdvancedEventSelector> selectors)
      throws InvalidEventSelectorsException {
    String root = SelectorsReader.ADVANCED_EVENT_SELECTORS;
    if (selectors.isEmpty()) {
      throw new InvalidEventSelectorsException(root, "the list is empty; give at least one advanced event"
          + " selector, e.g. {\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]}");
    }
    int totalValues = 0;
    for (int i = 0; i < selectors.size(); i++) {
      totalValues += validateAdvanced(selectors.get(i), root + "[" + i + "]");
    }
    if (totalValues > MAX_ADVANCED_VALUES) {
      throw new InvalidEventSelectorsException(root, "too many condition values: " + totalValues
          + " in all advanced event selectors, at most " + MAX_ADVANCED_VALUES + " are allowed");
    }
  }

  private static int validateAdvanced(AdvancedEventSelector selector, String path)
      throws InvalidEventSelectorsException {
    if (selector.name().isPresent()) {
      String name = selector.name().get();
      if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
        throw new InvalidEventSelectorsException(path + ".Name", "the name must have 1 to " + MAX_NAME_LENGTH
            + " characters, it has " + name.length() + " (leave Name out to have none)");
      }
    }
    List<FieldSelector> fields = selector.fieldSelectors();
    if (fields.isEmpty()) {
      throw new InvalidEventSelectorsException(path + ".FieldSelectors", "the list is empty; give at least an"
          + " eventCategory field selector, e.g. {\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}");
    }
    Set<SelectorField> seen = EnumSet.noneOf(SelectorField.class);
    int values = 0;
    for (int f = 0; f < fields.size(); f++) {
      FieldSelector field = fields.get(f);
      String at = path + ".FieldSelectors[" + f + "]";
      SelectorField known = SelectorField.fromWireName(field.field()).orElseThrow(() ->
          new InvalidEventSelectorsException(at + ".Field", Quoted.of(field.field()) + " is not a field advanced"
              + " event selectors can test (names are case-sensitive); allowed: " + fieldNames()));
      if (!seen.add(known)) {
        throw new InvalidEventSelectorsException(at + ".Field", known.wireName() + " is tested twice in this"
            + " selector; put all its conditions in one field selector");
      }
      values += validateField(field, known, at);
    }
    if (!seen.contains(SelectorField.EVENT_CATEGORY)) {
      throw new InvalidEventSelectorsException(path + ".FieldSelectors", "no eventCategory field selector;"
          + " CloudTrail requires one with Equals, allowed values: " + String.join(", ", CATEGORIES));
    }
    List<String> categories = fields.stream()
        .filter(f -> f.field().equals(SelectorField.EVENT_CATEGORY.wireName()))
        .findFirst().orElseThrow().values(Operator.EQUALS);
    if (categories.contains("Data") && !seen.contains(SelectorField.RESOURCES_TYPE)) {
      throw new InvalidEventSelectorsException(path + ".FieldSelectors", "a selector for Data events needs a"
          + " resources.type field selector with Equals, e.g. {\"Field\":\"resources.type\",\"Equals\":"
          + "[\"AWS::S3::Object\"]}");
    }
    if (categories.contains("NetworkActivity") && !seen.contains(SelectorField.EVENT_SOURCE)) {
      throw new InvalidEventSelectorsException(path + ".FieldSelectors", "a selector for NetworkActivity events"
          + " needs an eventSource field selector naming the service, e.g. {\"Field\":\"eventSource\",\"Equals\":"
          + "[\"s3.amazonaws.com\"]}");
    }
    return values;
  }

  private static int validateField(FieldSelector field, SelectorField known, String path)
      throws InvalidEventSelectorsException {
    int count = 0;
    for (Map.Entry<Operator, List<String>> condition : field.conditions().entrySet()) {
      Operator op = condition.getKey();
      List<String> values = condition.getValue();
      if (values.isEmpty()) {
        continue;
      }
      String at = path + "." + op.wireName();
      if (!known.allows(op)) {
        throw new InvalidEventSelectorsException(at, known.wireName() + " cannot use " + op.wireName()
            + "; allowed: " + known.operators().stream().map(Operator::wireName).collect(Collectors.joining(", ")));
      }
      Set<String> distinct = new HashSet<>();
      for (int v = 0; v < values.size(); v++) {
        String value = values.get(v);
        String vat = at + "[" + v + "]";
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
          throw new InvalidEventSelectorsException(vat, "a value must have 1 to " + MAX_VALUE_LENGTH
              + " characters, it has " + value.length());
        }
        List<String> allowed = allowedValues(known);
        if (allowed != null && !allowed.contains(value)) {
          throw new InvalidEventSelectorsException(vat, Quoted.of(value) + " is not a valid " + known.wireName()
              + "; allowed: " + String.join(", ", allowed));
        }
        if (!distinct.add(value)) {
          throw new InvalidEventSelectorsException(vat, Quoted.of(value) + " is listed twice under "
              + op.wireName() + "; list each value once");
        }
      }
      count += values.size();
    }
    if (count == 0) {
      throw new InvalidEventSelectorsException(path, "field selector on " + known.wireName() + " has no"
          + " condition; give at least one of "
          + known.operators().stream().map(Operator::wireName).collect(Collectors.joining(", ")));
    }
    if (known == SelectorField.EVENT_CATEGORY && field.values(Operator.EQUALS).isEmpty()) {
      throw new InvalidEventSelectorsException(path, "eventCategory must use Equals");
    }
    return count;
  }

  private static List<String> allowedValues(SelectorField field) {
    return switch (field) {
      case EVENT_CATEGORY -> CATEGORIES;
      case EVENT_TYPE -> EVENT_TYPES;
      case READ_ONLY -> BOOLEANS;
      default -> null;
    };
  }
}
