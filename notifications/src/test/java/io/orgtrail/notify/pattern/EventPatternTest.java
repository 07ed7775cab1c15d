package io.orgtrail.notify.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean matches(String pattern, String event) throws Exception {
    return EventPattern.parse(pattern).matches(JSON.readTree(event));
  }

  @Test
  void stringsMatchExactlyAndCaseSensitively() throws Exception {
    String pattern = "{\"eventName\":[\"DeleteTable\"]}";
    assertThat(matches(pattern, "{\"eventName\":\"DeleteTable\"}")).isTrue();
    assertThat(matches(pattern, "{\"eventName\":\"deletetable\"}")).isFalse();
    assertThat(matches(pattern, "{\"eventName\":\"DeleteTableX\"}")).isFalse();
    assertThat(matches(pattern, "{\"other\":\"DeleteTable\"}")).isFalse();
  }

  @Test
  void numbersCompareNumericallyAndNeverMatchStrings() throws Exception {
    assertThat(matches("{\"n\":[5]}", "{\"n\":5.0}")).isTrue();
    assertThat(matches("{\"n\":[5]}", "{\"n\":5e0}")).isTrue();
    assertThat(matches("{\"n\":[1.50]}", "{\"n\":1.5}")).isTrue();
    assertThat(matches("{\"n\":[5]}", "{\"n\":\"5\"}")).isFalse();
    assertThat(matches("{\"n\":[\"5\"]}", "{\"n\":5}")).isFalse();
    assertThat(matches("{\"n\":[5]}", "{\"n\":6}")).isFalse();
  }

  @Test
  void booleansAndNull() throws Exception {
    assertThat(matches("{\"readOnly\":[false]}", "{\"readOnly\":false}")).isTrue();
    assertThat(matches("{\"readOnly\":[false]}", "{\"readOnly\":\"false\"}")).isFalse();
    assertThat(matches("{\"readOnly\":[true]}", "{\"readOnly\":false}")).isFalse();
    assertThat(matches("{\"requestParameters\":[null]}", "{\"requestParameters\":null}")).isTrue();
    assertThat(matches("{\"requestParameters\":[null]}", "{}")).isFalse();
    assertThat(matches("{\"requestParameters\":[null]}", "{\"requestParameters\":{\"a\":1}}")).isFalse();
  }

  @Test
  void anyMatcherInTheArrayMayMatch() throws Exception {
    String pattern = "{\"eventName\":[\"DeleteTable\",\"DeleteBackup\",{\"prefix\":\"Drop\"}]}";
    assertThat(matches(pattern, "{\"eventName\":\"DeleteBackup\"}")).isTrue();
    assertThat(matches(pattern, "{\"eventName\":\"DropIt\"}")).isTrue();
    assertThat(matches(pattern, "{\"eventName\":\"CreateTable\"}")).isFalse();
  }

  @Test
  void allFieldsMustMatch() throws Exception {
    String pattern = "{\"eventSource\":[\"dynamodb.amazonaws.com\"],\"eventName\":[\"DeleteTable\"]}";
    assertThat(matches(pattern, "{\"eventSource\":\"dynamodb.amazonaws.com\",\"eventName\":\"DeleteTable\"}"))
        .isTrue();
    assertThat(matches(pattern, "{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"DeleteTable\"}")).isFalse();
    assertThat(matches(pattern, "{\"eventName\":\"DeleteTable\"}")).isFalse();
  }

  @Test
  void prefix() throws Exception {
    String pattern = "{\"eventName\":[{\"prefix\":\"Delete\"}]}";
    assertThat(matches(pattern, "{\"eventName\":\"DeleteTable\"}")).isTrue();
    assertThat(matches(pattern, "{\"eventName\":\"Delete\"}")).isTrue();
    assertThat(matches(pattern, "{\"eventName\":\"deleteTable\"}")).isFalse();
    assertThat(matches(pattern, "{\"eventName\":\"UndeleteTable\"}")).isFalse();
    assertThat(matches("{\"n\":[{\"prefix\":\"1\"}]}", "{\"n\":12}")).isFalse();
  }

  @Test
  void suffix() throws Exception {
    String pattern = "{\"key\":[{\"suffix\":\".json.gz\"}]}";
    assertThat(matches(pattern, "{\"key\":\"a/b.json.gz\"}")).isTrue();
    assertThat(matches(pattern, "{\"key\":\"a/b.json\"}")).isFalse();
    assertThat(matches(pattern, "{}")).isFalse();
  }

  @Test
  void equalsIgnoreCase() throws Exception {
    String pattern = "{\"userName\":[{\"equals-ignore-case\":\"Alice\"}]}";
    assertThat(matches(pattern, "{\"userName\":\"ALICE\"}")).isTrue();
    assertThat(matches(pattern, "{\"userName\":\"alice\"}")).isTrue();
    assertThat(matches(pattern, "{\"userName\":\"alicex\"}")).isFalse();
  }

  @Test
  void anythingButOneValue() throws Exception {
    String pattern = "{\"eventType\":[{\"anything-but\":\"AwsApiCall\"}]}";
    assertThat(matches(pattern, "{\"eventType\":\"AwsServiceEvent\"}")).isTrue();
    assertThat(matches(pattern, "{\"eventType\":\"AwsApiCall\"}")).isFalse();
    assertThat(matches(pattern, "{}")).as("anything-but never matches a missing field").isFalse();
  }

  @Test
  void anythingButAList() throws Exception {
    String pattern = "{\"code\":[{\"anything-but\":[200, 204]}]}";
    assertThat(matches(pattern, "{\"code\":500}")).isTrue();
    assertThat(matches(pattern, "{\"code\":200.0}")).isFalse();
    assertThat(matches(pattern, "{\"code\":204}")).isFalse();
    assertThat(matches("{\"s\":[{\"anything-but\":[\"a\",\"b\"]}]}", "{\"s\":\"c\"}")).isTrue();
    assertThat(matches("{\"s\":[{\"anything-but\":[\"a\",\"b\"]}]}", "{\"s\":\"b\"}")).isFalse();
  }

  @Test
  void anythingButPrefixAndSuffix() throws Exception {
    String prefix = "{\"eventName\":[{\"anything-but\":{\"prefix\":\"Get\"}}]}";
    assertThat(matches(prefix, "{\"eventName\":\"PutObject\"}")).isTrue();
    assertThat(matches(prefix, "{\"eventName\":\"GetObject\"}")).isFalse();
    String suffix = "{\"key\":[{\"anything-but\":{\"suffix\":\".gz\"}}]}";
    assertThat(matches(suffix, "{\"key\":\"a.json\"}")).isTrue();
    assertThat(matches(suffix, "{\"key\":\"a.json.gz\"}")).isFalse();
  }

  @Test
  void existsTrueMatchesAnyPresentValueIncludingNullAndObjects() throws Exception {
    String pattern = "{\"errorCode\":[{\"exists\":true}]}";
    assertThat(matches(pattern, "{\"errorCode\":\"AccessDenied\"}")).isTrue();
    assertThat(matches(pattern, "{\"errorCode\":null}")).isTrue();
    assertThat(matches(pattern, "{\"errorCode\":{\"a\":1}}")).isTrue();
    assertThat(matches(pattern, "{\"errorCode\":[]}")).as("an empty array counts as missing").isFalse();
    assertThat(matches(pattern, "{}")).isFalse();
  }

  @Test
  void existsFalseMatchesOnlyAMissingField() throws Exception {
    String pattern = "{\"errorCode\":[{\"exists\":false}]}";
    assertThat(matches(pattern, "{}")).isTrue();
    assertThat(matches(pattern, "{\"errorCode\":null}")).isFalse();
    assertThat(matches(pattern, "{\"errorCode\":\"x\"}")).isFalse();
    assertThat(matches("{\"a\":{\"b\":[{\"exists\":false}]}}", "{}"))
        .as("a missing parent means a missing child").isTrue();
    assertThat(matches("{\"a\":{\"b\":[{\"exists\":false}]}}", "{\"a\":\"scalar\"}")).isTrue();
  }

  @Test
  void onlyExistsMatchesAnObjectValue() throws Exception {
    String event = "{\"responseElements\":{\"ConsoleLogin\":\"Failure\"}}";
    assertThat(matches("{\"responseElements\":[{\"anything-but\":\"x\"}]}", event)).isFalse();
    assertThat(matches("{\"responseElements\":[{\"exists\":false}]}", event)).isFalse();
  }

  @Test
  void numericSingleComparison() throws Exception {
    assertThat(matches("{\"n\":[{\"numeric\":[\">\",0]}]}", "{\"n\":0.5}")).isTrue();
    assertThat(matches("{\"n\":[{\"numeric\":[\">\",0]}]}", "{\"n\":0}")).isFalse();
    assertThat(matches("{\"n\":[{\"numeric\":[\">=\",0]}]}", "{\"n\":0}")).isTrue();
    assertThat(matches("{\"n\":[{\"numeric\":[\"<\",10]}]}", "{\"n\":-3}")).isTrue();
    assertThat(matches("{\"n\":[{\"numeric\":[\"<\",10]}]}", "{\"n\":10}")).isFalse();
    assertThat(matches("{\"n\":[{\"numeric\":[\"<=\",10]}]}", "{\"n\":10.0}")).isTrue();
    assertThat(matches("{\"n\":[{\"numeric\":[\"=\",3]}]}", "{\"n\":3.00}")).isTrue();
    assertThat(matches("{\"n\":[{\"numeric\":[\"=\",3]}]}", "{\"n\":3.01}")).isFalse();
    assertThat(matches("{\"n\":[{\"numeric\":[\">\",0]}]}", "{\"n\":\"5\"}"))
        .as("numeric strings are not numbers").isFalse();
    assertThat(matches("{\"n\":[{\"numeric\":[\">\",0]}]}", "{}")).isFalse();
  }

  @Test
  void numericRange() throws Exception {
    String pattern = "{\"n\":[{\"numeric\":[\">\",0,\"<=\",5]}]}";
    assertThat(matches(pattern, "{\"n\":0}")).isFalse();
    assertThat(matches(pattern, "{\"n\":0.001}")).isTrue();
    assertThat(matches(pattern, "{\"n\":5}")).isTrue();
    assertThat(matches(pattern, "{\"n\":5.0001}")).isFalse();
  }

  @Test
  void anEventArrayMatchesWhenAnyElementMatches() throws Exception {
    String pattern = "{\"tags\":[\"prod\"]}";
    assertThat(matches(pattern, "{\"tags\":[\"dev\",\"prod\"]}")).isTrue();
    assertThat(matches(pattern, "{\"tags\":[\"dev\",\"test\"]}")).isFalse();
    assertThat(matches(pattern, "{\"tags\":[[\"x\",\"prod\"]]}")).as("nested arrays are flattened").isTrue();
  }

  @Test
  void arraysOnBothSidesMatchOnAnyCommonValue() throws Exception {
    String pattern = "{\"tags\":[\"prod\",\"staging\"]}";
    assertThat(matches(pattern, "{\"tags\":[\"dev\",\"staging\"]}")).isTrue();
    assertThat(matches(pattern, "{\"tags\":[\"dev\",\"test\"]}")).isFalse();
    assertThat(matches("{\"n\":[{\"numeric\":[\">\",10]}, 1]}", "{\"n\":[5,1]}")).isTrue();
    assertThat(matches("{\"n\":[{\"numeric\":[\">\",10]}, 2]}", "{\"n\":[5,1]}")).isFalse();
  }

  @Test
  void nestedObjectsDescendIntoTheEvent() throws Exception {
    String pattern = "{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]},\"eventName\":[{\"prefix\":\"Delete\"}]}}";
    assertThat(matches(pattern,
        "{\"detail\":{\"userIdentity\":{\"type\":\"Root\",\"arn\":\"x\"},\"eventName\":\"DeleteBucket\"}}")).isTrue();
    assertThat(matches(pattern,
        "{\"detail\":{\"userIdentity\":{\"type\":\"IAMUser\"},\"eventName\":\"DeleteBucket\"}}")).isFalse();
    assertThat(matches(pattern, "{\"detail\":{\"userIdentity\":\"Root\",\"eventName\":\"DeleteBucket\"}}"))
        .isFalse();
    assertThat(matches(pattern, "{\"userIdentity\":{\"type\":\"Root\"},\"eventName\":\"DeleteBucket\"}"))
        .isFalse();
  }

  @Test
  void aNestedPatternOverAnArrayOfObjectsNeedsOneElementToMatchItAll() throws Exception {
    String pattern = "{\"resources\":{\"type\":[\"AWS::S3::Object\"],\"ARN\":[{\"prefix\":\"arn:aws:s3:::secret\"}]}}";
    assertThat(matches(pattern, "{\"resources\":[{\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::public\"},"
        + "{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::secret/a\"}]}")).isTrue();
    assertThat(matches(pattern, "{\"resources\":[{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::public/a\"},"
        + "{\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::secret\"}]}"))
        .as("type from one resource and ARN from another").isFalse();
    assertThat(matches("{\"resources\":{\"ARN\":[{\"exists\":false}]}}", "{\"resources\":[{\"ARN\":\"a\"}]}"))
        .isFalse();
    assertThat(matches("{\"resources\":{\"ARN\":[{\"exists\":false}]}}", "{\"resources\":[{\"type\":\"t\"}]}"))
        .isTrue();
  }

  @Test
  void onlyObjectsAreEvents() throws Exception {
    EventPattern pattern = EventPattern.parse("{\"a\":[{\"exists\":false}]}");
    assertThat(pattern.matches(JSON.readTree("[]"))).isFalse();
    assertThat(pattern.matches(null)).isFalse();
    assertThat(pattern.matches(JSON.readTree("{}"))).isTrue();
  }

  @Test
  void compilesFromATreeAndPrintsItsJson() throws Exception {
    JsonNode tree = JSON.readTree("{\"detail\": {\"eventName\": [\"DeleteTable\"]}}");
    assertThat(EventPattern.of(tree).toString()).isEqualTo("{\"detail\":{\"eventName\":[\"DeleteTable\"]}}");
  }

  private void assertInvalid(String pattern, String message) {
    assertThatThrownBy(() -> EventPattern.parse(pattern))
        .isInstanceOf(InvalidEventPatternException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aLeafThatIsNotAnArray() {
    assertInvalid("{\"detail\":{\"eventName\":\"DeleteTable\"}}",
        "detail.eventName: a pattern leaf must be an array of matchers, not \"DeleteTable\"");
    assertInvalid("{\"n\":5}", "n: a pattern leaf must be an array of matchers, not 5");
  }

  @Test
  void notAnObjectOrNotJson() {
    assertInvalid("[\"a\"]", "an event pattern must be a JSON object");
    assertInvalid("{\"a\":", "an event pattern must be JSON");
    assertInvalid("{}", "must name at least one field");
    assertInvalid("{\"detail\":{}}", "detail: a pattern object must name at least one field");
  }

  @Test
  void emptyOrNestedArrays() {
    assertInvalid("{\"a\":[]}", "a: a pattern leaf must hold at least one matcher");
    assertInvalid("{\"a\":[[\"x\"]]}", "a[0]: a matcher must be a value or an object");
  }

  @Test
  void unknownOrAmbiguousMatchers() {
    assertInvalid("{\"detail\":{\"eventName\":[\"x\",{\"wildcard\":\"Delete*\"}]}}",
        "detail.eventName[1]: unknown matcher \"wildcard\"; allowed: prefix, suffix, anything-but, exists,"
            + " numeric, equals-ignore-case");
    assertInvalid("{\"a\":[{\"prefix\":\"x\",\"suffix\":\"y\"}]}", "a[0]: a matcher object must have exactly one key");
    assertInvalid("{\"a\":[{}]}", "a[0]: a matcher object must have exactly one key");
  }

  @Test
  void badOperands() {
    assertInvalid("{\"a\":[{\"prefix\":5}]}", "a[0].prefix: expected a string, not 5");
    assertInvalid("{\"a\":[{\"suffix\":null}]}", "a[0].suffix: expected a string, not null");
    assertInvalid("{\"a\":[{\"equals-ignore-case\":[\"x\"]}]}", "a[0].equals-ignore-case: expected a string");
    assertInvalid("{\"a\":[{\"exists\":\"yes\"}]}", "a[0].exists: exists takes true or false, not \"yes\"");
    assertInvalid("{\"a\":[{\"anything-but\":[]}]}", "a[0].anything-but: anything-but needs at least one value");
    assertInvalid("{\"a\":[{\"anything-but\":[{\"prefix\":\"x\"}]}]}",
        "a[0].anything-but[0]: anything-but lists plain values only");
    assertInvalid("{\"a\":[{\"anything-but\":{\"wildcard\":\"x\"}}]}",
        "a[0].anything-but: anything-but takes a value, an array of values");
  }

  @Test
  void badNumericComparisons() {
    assertInvalid("{\"a\":[{\"numeric\":5}]}", "a[0].numeric: numeric takes one or two comparisons");
    assertInvalid("{\"a\":[{\"numeric\":[\">\",1,\"<\"]}]}", "a[0].numeric: numeric takes one or two comparisons");
    assertInvalid("{\"a\":[{\"numeric\":[\"!=\",1]}]}",
        "a[0].numeric[0]: unknown numeric operator \"!=\"; allowed: = < <= > >=");
    assertInvalid("{\"a\":[{\"numeric\":[\">\",\"1\"]}]}", "a[0].numeric[1]: numeric compares with a number");
    assertInvalid("{\"a\":[{\"numeric\":[\"<\",5,\">\",0]}]}", "a[0].numeric: two numeric comparisons must be a range");
    assertInvalid("{\"a\":[{\"numeric\":[\">\",5,\"<\",1]}]}", "is empty");
  }
}
