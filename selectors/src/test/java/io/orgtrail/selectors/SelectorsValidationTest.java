package io.orgtrail.selectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorsValidationTest {
  private static final String CATEGORY = "{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}";

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("unknown ReadWriteType",
            "{\"EventSelectors\":[{\"ReadWriteType\":\"ReadWrite\"}]}",
            List.of("EventSelectors[0].ReadWriteType: 'ReadWrite' is not a ReadWriteType",
                "allowed: ReadOnly, WriteOnly, All")),
        Arguments.of("IncludeManagementEvents not a boolean",
            "{\"EventSelectors\":[{\"IncludeManagementEvents\":\"yes\"}]}",
            List.of("EventSelectors[0].IncludeManagementEvents: must be true or false, not 'yes'")),
        Arguments.of("unknown member in a basic selector",
            "{\"EventSelectors\":[{\"ReadWritetype\":\"All\"}]}",
            List.of("EventSelectors[0].ReadWritetype", "unknown member 'ReadWritetype'",
                "allowed: ReadWriteType, IncludeManagementEvents, DataResources, ExcludeManagementEventSources")),
        Arguments.of("empty Values",
            "{\"EventSelectors\":[{\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[]}]}]}",
            List.of("EventSelectors[0].DataResources[0].Values: Values is empty", "arn:aws:s3:::bucket/")),
        Arguments.of("missing Values",
            "{\"EventSelectors\":[{\"DataResources\":[{\"Type\":\"AWS::S3::Object\"}]}]}",
            List.of("EventSelectors[0].DataResources[0].Values: Values is empty")),
        Arguments.of("unknown data resource type",
            "{\"EventSelectors\":[{\"DataResources\":[{\"Type\":\"AWS::S3::Bucket\",\"Values\":[\"arn:aws:s3\"]}]}]}",
            List.of("DataResources[0].Type: 'AWS::S3::Bucket' is not a data resource type",
                "AWS::S3::Object, AWS::Lambda::Function, AWS::DynamoDB::Table")),
        Arguments.of("S3 bucket without the slash",
            "{\"EventSelectors\":[{\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3:::bucket\"]}]}]}",
            List.of("DataResources[0].Values[0]: 'arn:aws:s3:::bucket' is not a valid value for AWS::S3::Object")),
        Arguments.of("Lambda value of another service",
            "{\"EventSelectors\":[{\"DataResources\":[{\"Type\":\"AWS::Lambda::Function\",\"Values\":[\"arn:aws:s3\"]}]}]}",
            List.of("'arn:aws:s3' is not a valid value for AWS::Lambda::Function", "arn:aws:lambda (all functions)")),
        Arguments.of("excluded source CloudTrail does not allow",
            "{\"EventSelectors\":[{\"ExcludeManagementEventSources\":[\"iam.amazonaws.com\"]}]}",
            List.of("ExcludeManagementEventSources[0]: 'iam.amazonaws.com' cannot be excluded",
                "kms.amazonaws.com, rdsdata.amazonaws.com")),
        Arguments.of("too many basic selectors",
            "{\"EventSelectors\":[" + String.join(",", Collections.nCopies(6, "{}")) + "]}",
            List.of("EventSelectors: too many event selectors: 6, at most 5")),
        Arguments.of("no basic selector",
            "{\"EventSelectors\":[]}",
            List.of("EventSelectors: the list is empty")),
        Arguments.of("both forms",
            "{\"EventSelectors\":[{}],\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + "]}]}",
            List.of("both EventSelectors and AdvancedEventSelectors are given", "keep only one")),
        Arguments.of("neither form",
            "{\"TrailName\":\"t\"}",
            List.of("neither EventSelectors nor AdvancedEventSelectors is given")),
        Arguments.of("not JSON",
            "{\"EventSelectors\":[{]}",
            List.of("the selectors are not valid JSON (line 1, column")),
        Arguments.of("empty text", " ", List.of("the selectors text is empty")),
        Arguments.of("unknown field",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + ",{\"Field\":\"eventname\",\"Equals\":[\"x\"]}]}]}",
            List.of("AdvancedEventSelectors[0].FieldSelectors[1].Field: 'eventname' is not a field",
                "allowed: eventCategory, eventSource, eventName, eventType, readOnly, resources.type, resources.ARN,"
                    + " userIdentity.arn, errorCode")),
        Arguments.of("readOnly neither true nor false",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + ",{\"Field\":\"readOnly\",\"Equals\":[\"yes\"]}]}]}",
            List.of("FieldSelectors[1].Equals[0]: 'yes' is not a valid readOnly; allowed: true, false")),
        Arguments.of("readOnly with StartsWith",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + ",{\"Field\":\"readOnly\",\"StartsWith\":[\"t\"]}]}]}",
            List.of("FieldSelectors[1].StartsWith: readOnly cannot use StartsWith; allowed: Equals")),
        Arguments.of("eventCategory missing",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventName\",\"Equals\":[\"GetObject\"]}]}]}",
            List.of("AdvancedEventSelectors[0].FieldSelectors: no eventCategory field selector",
                "Management, Data, NetworkActivity")),
        Arguments.of("eventCategory not Equals",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"NotEquals\":[\"Data\"]}]}]}",
            List.of("eventCategory cannot use NotEquals; allowed: Equals")),
        Arguments.of("unknown category",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"management\"]}]}]}",
            List.of("'management' is not a valid eventCategory; allowed: Management, Data, NetworkActivity")),
        Arguments.of("data selector without resources.type",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]}]}]}",
            List.of("a selector for Data events needs a resources.type field selector")),
        Arguments.of("empty operator list",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + ",{\"Field\":\"eventName\",\"Equals\":[]}]}]}",
            List.of("FieldSelectors[1].Equals: the list is empty")),
        Arguments.of("field selector without operator",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + ",{\"Field\":\"eventName\"}]}]}",
            List.of("FieldSelectors[1]: field selector on eventName has no condition")),
        Arguments.of("same field twice",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + "," + CATEGORY + "]}]}",
            List.of("FieldSelectors[1].Field: eventCategory is tested twice")),
        Arguments.of("unknown operator",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"equals\":[\"Data\"]}]}]}",
            List.of("FieldSelectors[0].equals", "unknown member 'equals'")),
        Arguments.of("value not a string",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + ",{\"Field\":\"eventName\",\"Equals\":[{}]}]}]}",
            List.of("FieldSelectors[1].Equals[0]: must be a string, not an object")),
        Arguments.of("too many condition values",
            "{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY + ",{\"Field\":\"eventName\",\"Equals\":["
                + IntStream.range(0, 500).mapToObj(i -> "\"E" + i + "\"").collect(Collectors.joining(",")) + "]}]}]}",
            List.of("AdvancedEventSelectors: too many condition values: 501", "at most 500")),
        Arguments.of("no advanced selector",
            "{\"AdvancedEventSelectors\":[]}",
            List.of("AdvancedEventSelectors: the list is empty")),
        Arguments.of("selectors not an object", "[1]", List.of("the selectors must be an object", "not a list")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidSelectorsAreRefusedWithWhatIsWrongAndWhatIsAllowed(String name, String json, List<String> message) {
    assertThatThrownBy(() -> TrailSelectors.parse(json))
        .isInstanceOf(InvalidEventSelectorsException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(message).doesNotContain("\tat ", "Exception"));
  }

  @Test
  void thePathIsAvailableApartFromTheMessage() {
    assertThatThrownBy(() -> TrailSelectors.parse("{\"EventSelectors\":[{},{\"ReadWriteType\":\"Write\"}]}"))
        .isInstanceOfSatisfying(InvalidEventSelectorsException.class,
            e -> assertThat(e.path()).isEqualTo("EventSelectors[1].ReadWriteType"));
  }

  @Test
  void longValuesAreShortenedInMessages() {
    String longName = "x".repeat(5000);

    assertThatThrownBy(() -> TrailSelectors.parse("{\"AdvancedEventSelectors\":[{\"FieldSelectors\":[" + CATEGORY
        + ",{\"Field\":\"" + longName + "\",\"Equals\":[\"a\"]}]}]}"))
        .hasMessageContaining("(5000 characters, shortened)")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
  }

  @Test
  void selectorsBuiltInCodeAreValidatedOnDemand() throws Exception {
    AdvancedSelectors missingCategory = AdvancedSelectors.of(AdvancedEventSelector.of(
        FieldSelector.of(SelectorField.EVENT_NAME, Operator.EQUALS, "GetObject")));

    assertThatThrownBy(missingCategory::validate).hasMessageContaining("no eventCategory field selector");
    assertThat(TrailSelectors.defaults().validate()).isEqualTo(TrailSelectors.defaults());
  }
}
