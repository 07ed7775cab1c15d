package io.orgtrail.selectors.filter;

import static io.orgtrail.selectors.Operator.ENDS_WITH;
import static io.orgtrail.selectors.Operator.EQUALS;
import static io.orgtrail.selectors.Operator.NOT_ENDS_WITH;
import static io.orgtrail.selectors.Operator.NOT_EQUALS;
import static io.orgtrail.selectors.Operator.NOT_STARTS_WITH;
import static io.orgtrail.selectors.Operator.STARTS_WITH;
import static io.orgtrail.selectors.SelectorField.ERROR_CODE;
import static io.orgtrail.selectors.SelectorField.EVENT_CATEGORY;
import static io.orgtrail.selectors.SelectorField.EVENT_NAME;
import static io.orgtrail.selectors.SelectorField.EVENT_SOURCE;
import static io.orgtrail.selectors.SelectorField.EVENT_TYPE;
import static io.orgtrail.selectors.SelectorField.READ_ONLY;
import static io.orgtrail.selectors.SelectorField.RESOURCES_ARN;
import static io.orgtrail.selectors.SelectorField.RESOURCES_TYPE;
import static io.orgtrail.selectors.SelectorField.USER_IDENTITY_ARN;
import static io.orgtrail.selectors.filter.RealRecords.edit;
import static io.orgtrail.selectors.filter.RealRecords.find;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.selectors.AdvancedEventSelector;
import io.orgtrail.selectors.AdvancedSelectors;
import io.orgtrail.selectors.FieldSelector;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import org.junit.jupiter.api.Test;

class AdvancedSelectorsFilterTest {
  private static final FieldSelector MANAGEMENT = FieldSelector.of(EVENT_CATEGORY, EQUALS, "Management");
  private static final FieldSelector DATA = FieldSelector.of(EVENT_CATEGORY, EQUALS, "Data");
  private static final FieldSelector S3_OBJECTS = FieldSelector.of(RESOURCES_TYPE, EQUALS, "AWS::S3::Object");

  private final byte[] getUser = find("iam.amazonaws.com", "GetUser");
  private final byte[] getRole = find("iam.amazonaws.com", "GetRole");
  private final byte[] createUser = find("iam.amazonaws.com", "CreateUser");
  private final byte[] kmsDecrypt = find("kms.amazonaws.com", "Decrypt");
  private final byte[] consoleLogin = find("signin.amazonaws.com", "ConsoleLogin");
  private final byte[] getObject = find("s3.amazonaws.com", "GetObject");

  @Test
  void eventCategoryAloneTakesThatCategory() throws Exception {
    EventFilter management = filter(AdvancedEventSelector.of(MANAGEMENT));

    assertThat(management.evaluate(getUser)).isEqualTo(Selection.SELECTED);
    assertThat(management.evaluate(createUser)).isEqualTo(Selection.SELECTED);
    assertThat(management.evaluate(getObject)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter(AdvancedEventSelector.of(DATA, S3_OBJECTS)).evaluate(getObject)).isEqualTo(Selection.SELECTED);
    assertThat(filter(AdvancedEventSelector.of(DATA, S3_OBJECTS)).evaluate(getUser))
        .isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void equalsTakesAnyOfItsValues() throws Exception {
    EventFilter filter = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_NAME, EQUALS, "CreateUser", "GetUser")));

    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(getRole)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void startsWithAndEndsWithTakeAnyOfTheirValues() throws Exception {
    EventFilter starts = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_NAME, STARTS_WITH, "Create", "Delete")));
    EventFilter ends = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_SOURCE, ENDS_WITH, "kms.amazonaws.com", "signin.amazonaws.com")));

    assertThat(starts.evaluate(createUser)).isEqualTo(Selection.SELECTED);
    assertThat(starts.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(ends.evaluate(kmsDecrypt)).isEqualTo(Selection.SELECTED);
    assertThat(ends.evaluate(consoleLogin)).isEqualTo(Selection.SELECTED);
    assertThat(ends.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void notEqualsRefusesEveryOneOfItsValues() throws Exception {
    EventFilter filter = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_SOURCE, NOT_EQUALS, "kms.amazonaws.com", "signin.amazonaws.com")));

    assertThat(filter.evaluate(kmsDecrypt)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(consoleLogin)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void notStartsWithAndNotEndsWithRefuseEveryOneOfTheirValues() throws Exception {
    EventFilter notStarts = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_NAME, NOT_STARTS_WITH, "Get", "List")));
    EventFilter notEnds = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_NAME, NOT_ENDS_WITH, "User", "Role")));

    assertThat(notStarts.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(notStarts.evaluate(createUser)).isEqualTo(Selection.SELECTED);
    assertThat(notEnds.evaluate(getRole)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(notEnds.evaluate(createUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(notEnds.evaluate(kmsDecrypt)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void operatorsOfOneFieldSelectorAreAnded() throws Exception {
    EventFilter filter = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_NAME, STARTS_WITH, "Get").with(NOT_EQUALS, "GetUser")));

    assertThat(filter.evaluate(getRole)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void anOperatorGivenNoValuesIsLeftOut() throws Exception {
    FieldSelector startsWithGet = FieldSelector.of(EVENT_NAME, STARTS_WITH, "Get").with(EQUALS);
    EventFilter filter = filter(AdvancedEventSelector.of(MANAGEMENT, startsWithGet));

    assertThat(startsWithGet).isEqualTo(FieldSelector.of(EVENT_NAME, STARTS_WITH, "Get"));
    assertThat(filter.evaluate(getRole)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void fieldSelectorsOfOneSelectorAreAnded() throws Exception {
    EventFilter filter = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(EVENT_SOURCE, EQUALS, "iam.amazonaws.com"),
        FieldSelector.of(READ_ONLY, EQUALS, "false")));

    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(consoleLogin)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void selectorsAreOred() throws Exception {
    EventFilter filter = EventFilter.compile(AdvancedSelectors.of(
        AdvancedEventSelector.named("iam writes", MANAGEMENT,
            FieldSelector.of(EVENT_SOURCE, EQUALS, "iam.amazonaws.com"), FieldSelector.of(READ_ONLY, EQUALS, "false")),
        AdvancedEventSelector.named("sign-ins", MANAGEMENT,
            FieldSelector.of(EVENT_TYPE, EQUALS, "AwsConsoleSignIn"))));

    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(consoleLogin)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(kmsDecrypt)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void resourceConditionsMustHoldForTheSameResource() throws Exception {
    // GetObject's resources: the object (…/ring.txt, AWS::S3::Object) and its bucket (AWS::S3::Bucket).
    EventFilter objects = filter(AdvancedEventSelector.of(DATA, S3_OBJECTS,
        FieldSelector.of(RESOURCES_ARN, ENDS_WITH, ".txt")));
    EventFilter buckets = filter(AdvancedEventSelector.of(DATA,
        FieldSelector.of(RESOURCES_TYPE, EQUALS, "AWS::S3::Bucket"), FieldSelector.of(RESOURCES_ARN, ENDS_WITH, ".txt")));
    EventFilter bucketPrefix = filter(AdvancedEventSelector.of(DATA, S3_OBJECTS,
        FieldSelector.of(RESOURCES_ARN, STARTS_WITH, "arn:aws:s3:::mordors3stack-s3bucket-llp2yingx64a/")));

    assertThat(objects.evaluate(getObject)).isEqualTo(Selection.SELECTED);
    assertThat(buckets.evaluate(getObject)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(bucketPrefix.evaluate(getObject)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void userIdentityArnIsTested() throws Exception {
    EventFilter filter = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(USER_IDENTITY_ARN, STARTS_WITH, "arn:aws:iam::123837392027:user/")));
    String someoneElse = "arn:aws:sts::999999999999:assumed-role/x/y";
    byte[] otherIdentity = edit(getUser, r -> r.with("userIdentity").put("arn", someoneElse));

    assertThat(RealRecords.tree(getUser).path("userIdentity").path("arn").asText())
        .startsWith("arn:aws:iam::123837392027:user/");
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(otherIdentity)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void missingFieldsFailPositiveOperatorsAndPassNegativeOnes() throws Exception {
    byte[] noIdentityArn = edit(getUser, r -> r.with("userIdentity").remove("arn"));
    byte[] noError = getUser;
    byte[] accessDenied = edit(getUser, r -> r.put("errorCode", "AccessDenied"));

    assertThat(filter(AdvancedEventSelector.of(MANAGEMENT, FieldSelector.of(USER_IDENTITY_ARN, STARTS_WITH, "arn:")))
        .evaluate(noIdentityArn)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter(AdvancedEventSelector.of(MANAGEMENT, FieldSelector.of(USER_IDENTITY_ARN, NOT_STARTS_WITH, "x")))
        .evaluate(noIdentityArn)).isEqualTo(Selection.SELECTED);
    EventFilter errors = filter(AdvancedEventSelector.of(MANAGEMENT, FieldSelector.of(ERROR_CODE, EQUALS, "AccessDenied")));
    EventFilter noErrors = filter(AdvancedEventSelector.of(MANAGEMENT, FieldSelector.of(ERROR_CODE, NOT_EQUALS, "AccessDenied")));
    assertThat(errors.evaluate(accessDenied)).isEqualTo(Selection.SELECTED);
    assertThat(errors.evaluate(noError)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(noErrors.evaluate(noError)).isEqualTo(Selection.SELECTED);
    assertThat(noErrors.evaluate(accessDenied)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void resourceConditionsFailOnRecordsWithoutResources() throws Exception {
    EventFilter filter = filter(AdvancedEventSelector.of(MANAGEMENT,
        FieldSelector.of(RESOURCES_ARN, NOT_STARTS_WITH, "arn:aws:kms")));

    assertThat(RealRecords.tree(getUser).has("resources")).isFalse();
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void readOnlyIsComparedAsText() throws Exception {
    EventFilter reads = filter(AdvancedEventSelector.of(MANAGEMENT, FieldSelector.of(READ_ONLY, EQUALS, "true")));

    assertThat(reads.evaluate(getUser)).isEqualTo(Selection.SELECTED);
    assertThat(reads.evaluate(createUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(reads.evaluate(edit(getUser, r -> r.remove("readOnly")))).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void insightsEventsPassAdvancedSelectorsToo() throws Exception {
    byte[] insight = edit(createUser, r -> r.put("eventCategory", "Insight").put("eventType", "AwsCloudTrailInsight"));

    assertThat(filter(AdvancedEventSelector.of(DATA, S3_OBJECTS)).evaluate(insight)).isEqualTo(Selection.SELECTED);
  }

  private static EventFilter filter(AdvancedEventSelector selector) throws InvalidEventSelectorsException {
    return EventFilter.compile(AdvancedSelectors.of(selector));
  }
}
