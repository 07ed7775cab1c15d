package io.orgtrail.selectors.filter;

import static io.orgtrail.selectors.Operator.EQUALS;
import static io.orgtrail.selectors.filter.RealRecords.edit;
import static io.orgtrail.selectors.filter.RealRecords.find;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.selectors.AdvancedEventSelector;
import io.orgtrail.selectors.AdvancedSelectors;
import io.orgtrail.selectors.FieldSelector;
import io.orgtrail.selectors.SelectorField;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordReadingTest {
  private final byte[] createUser = find("iam.amazonaws.com", "CreateUser");

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not json",
      "[{\"eventCategory\":\"Management\"}]",
      "{\"eventCategory\":\"Management\"",
      "{\"eventCategory\":\"Management\"} {}",
      "{\"eventCategory\":7}",
      "{\"readOnly\":\"true\"}",
      "{\"managementEvent\":\"false\"}",
      "{\"eventCategory\":\"Data\",\"eventCategory\":\"Management\"}",
      "{\"userIdentity\":\"arn:aws:iam::1:user/a\"}",
      "{\"resources\":{\"type\":\"AWS::S3::Object\"}}",
      "{\"resources\":[\"arn:aws:s3:::b/k\"]}",
      "{\"requestParameters\":{\"a\":[1,2}}"
  })
  void unreadableRecordsAreNeverReportedAsNotSelected(String record) {
    EventFilter filter = everyFieldTested();
    byte[] bytes = record.getBytes(StandardCharsets.UTF_8);

    assertThat(filter.evaluate(bytes)).isEqualTo(Selection.UNREADABLE);
    assertThat(filter.selects(bytes)).isTrue();
  }

  @Test
  void aTruncatedRealRecordIsUnreadable() {
    byte[] truncated = Arrays.copyOf(createUser, createUser.length / 2);

    assertThat(EventFilter.defaults().evaluate(truncated)).isEqualTo(Selection.UNREADABLE);
  }

  @Test
  void nullValuesCountAsMissing() {
    byte[] nulls = edit(createUser, r -> r.putNull("eventCategory").putNull("readOnly").putNull("resources")
        .putNull("errorCode"));

    assertThat(EventFilter.defaults().evaluate(nulls)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void largeNestedRequestParametersAreSkippedAndTheFieldsAfterThemRead() throws Exception {
    // The fields the selectors test come after 300 KB of nesting 200 levels deep.
    byte[] big = edit(createUser, r -> {
      r.remove("eventCategory");
      r.remove("eventName");
      r.remove("readOnly");
      ObjectNode params = r.putObject("requestParameters");
      ObjectNode level = params;
      for (int i = 0; i < 200; i++) {
        ArrayNode items = level.putArray("items");
        for (int j = 0; j < 20; j++) {
          items.addObject().put("eventCategory", "Data").put("eventName", "Decoy").put("readOnly", true)
              .put("padding", "x".repeat(60));
        }
        level = level.putObject("next");
      }
      r.put("eventName", "CreateUser").put("readOnly", false).put("eventCategory", "Management");
    });
    EventFilter filter = EventFilter.compile(AdvancedSelectors.of(AdvancedEventSelector.of(
        FieldSelector.of(SelectorField.EVENT_CATEGORY, EQUALS, "Management"),
        FieldSelector.of(SelectorField.EVENT_NAME, EQUALS, "CreateUser"),
        FieldSelector.of(SelectorField.READ_ONLY, EQUALS, "false"))));

    assertThat(big.length).isGreaterThan(300_000);
    assertThat(filter.evaluate(big)).isEqualTo(Selection.SELECTED);
    assertThat(EventFilter.defaults().evaluate(big)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void aRecordIsReadFromItsSliceOfALargerBuffer() {
    byte[] insight = edit(createUser, r -> r.put("eventCategory", "Insight"));
    byte[] data = edit(createUser, r -> r.put("eventCategory", "Data"));
    byte[] buffer = new byte[insight.length + data.length + 2];
    buffer[0] = '[';
    System.arraycopy(data, 0, buffer, 1, data.length);
    buffer[data.length + 1] = ',';
    System.arraycopy(insight, 0, buffer, data.length + 2, insight.length);
    EventFilter filter = EventFilter.defaults();

    assertThat(filter.evaluate(buffer, 1, data.length)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(buffer, data.length + 2, insight.length)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(buffer, 0, buffer.length)).isEqualTo(Selection.UNREADABLE);
  }

  private static EventFilter everyFieldTested() {
    try {
      return EventFilter.compile(AdvancedSelectors.of(AdvancedEventSelector.of(
          FieldSelector.of(SelectorField.EVENT_CATEGORY, EQUALS, "Management"),
          FieldSelector.of(SelectorField.USER_IDENTITY_ARN, EQUALS, "arn:aws:iam::1:user/a"),
          FieldSelector.of(SelectorField.RESOURCES_TYPE, EQUALS, "AWS::S3::Object"))));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
