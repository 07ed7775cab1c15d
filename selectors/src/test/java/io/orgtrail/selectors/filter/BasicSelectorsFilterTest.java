package io.orgtrail.selectors.filter;

import static io.orgtrail.selectors.filter.RealRecords.edit;
import static io.orgtrail.selectors.filter.RealRecords.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.selectors.BasicSelectors;
import io.orgtrail.selectors.DataResource;
import io.orgtrail.selectors.EventSelector;
import io.orgtrail.selectors.InvalidEventSelectorsException;
import io.orgtrail.selectors.ReadWriteType;
import io.orgtrail.selectors.TrailSelectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicSelectorsFilterTest {
  private static final String BUCKET = "mordors3stack-s3bucket-llp2yingx64a";
  private static final EventSelector NO_MANAGEMENT =
      EventSelector.allManagementEvents().withIncludeManagementEvents(false);

  private final byte[] getUser = find("iam.amazonaws.com", "GetUser");
  private final byte[] createUser = find("iam.amazonaws.com", "CreateUser");
  private final byte[] consoleLogin = find("signin.amazonaws.com", "ConsoleLogin");
  private final byte[] kmsDecrypt = find("kms.amazonaws.com", "Decrypt");
  private final byte[] getObject = find("s3.amazonaws.com", "GetObject");
  private final byte[] listObjects = find("s3.amazonaws.com", "ListObjects");

  @Test
  void defaultsTakeEveryManagementEventOfTheDatasets() {
    EventFilter filter = EventFilter.defaults();
    List<byte[]> management = new ArrayList<>(RealRecords.invictus());
    management.addAll(RealRecords.stratus());

    assertThat(management).hasSizeGreaterThan(3000)
        .allSatisfy(record -> assertThat(filter.evaluate(record)).isEqualTo(Selection.SELECTED));
    assertThat(filter.selectors()).isEqualTo(TrailSelectors.defaults());
  }

  @Test
  void defaultsDropS3DataEvents() {
    EventFilter filter = EventFilter.defaults();

    assertThat(filter.evaluate(getObject)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(listObjects)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.selects(getObject)).isFalse();
    long otrfData = RealRecords.otrf().stream()
        .filter(r -> RealRecords.tree(r).path("managementEvent").asText().equals("false")).count();
    long otrfDropped = RealRecords.otrf().stream().filter(r -> !filter.selects(r)).count();
    assertThat(otrfData).isPositive();
    assertThat(otrfDropped).isEqualTo(otrfData);
  }

  @Test
  void readOnlyTakesOnlyReadEvents() throws Exception {
    EventFilter filter = filter(EventSelector.allManagementEvents().withReadWriteType(ReadWriteType.READ_ONLY));

    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(consoleLogin)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void writeOnlyTakesWritesAndEventsWithoutReadOnly() throws Exception {
    EventFilter filter = filter(EventSelector.allManagementEvents().withReadWriteType(ReadWriteType.WRITE_ONLY));
    byte[] withoutReadOnly = edit(getUser, r -> r.remove("readOnly"));

    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(consoleLogin)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(withoutReadOnly)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void excludedManagementSourcesAreDropped() throws Exception {
    EventFilter filter = filter(EventSelector.allManagementEvents()
        .withExcludeManagementEventSources("kms.amazonaws.com"));

    assertThat(filter.evaluate(kmsDecrypt)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.SELECTED);
    assertThat(EventFilter.defaults().evaluate(kmsDecrypt)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void noManagementEventsDropsThemAll() throws Exception {
    EventFilter filter = filter(NO_MANAGEMENT);

    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void s3ValuesArePrefixesOfObjectArns() throws Exception {
    assertThat(s3(BUCKET + "/").evaluate(getObject)).isEqualTo(Selection.SELECTED);
    assertThat(s3(BUCKET + "/ri").evaluate(getObject)).isEqualTo(Selection.SELECTED);
    assertThat(s3(BUCKET + "/logs/").evaluate(getObject)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(s3("other-bucket/").evaluate(getObject)).isEqualTo(Selection.NOT_SELECTED);
    // A selector for objects does not take management events, whatever their source.
    assertThat(s3(BUCKET + "/").evaluate(getUser)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void listObjectsIsMatchedByItsArnPrefix() throws Exception {
    assertThat(s3(BUCKET + "/").evaluate(listObjects)).isEqualTo(Selection.SELECTED);
    assertThat(s3("other-bucket/").evaluate(listObjects)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void wholeServiceValuesTakeEveryResourceOfTheType() throws Exception {
    for (String all : List.of("arn:aws:s3", "arn:aws:s3:::")) {
      EventFilter filter = filter(NO_MANAGEMENT.withDataResources(DataResource.of(DataResource.S3_OBJECT, all)));
      assertThat(filter.evaluate(getObject)).as(all).isEqualTo(Selection.SELECTED);
      assertThat(filter.evaluate(listObjects)).as(all).isEqualTo(Selection.SELECTED);
    }
    EventFilter lambdaOnly = filter(NO_MANAGEMENT.withDataResources(
        DataResource.of(DataResource.LAMBDA_FUNCTION, "arn:aws:lambda")));
    assertThat(lambdaOnly.evaluate(getObject)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void readWriteTypeAppliesToDataEvents() throws Exception {
    DataResource bucket = DataResource.of(DataResource.S3_OBJECT, "arn:aws:s3:::" + BUCKET + "/");
    EventFilter writes = filter(NO_MANAGEMENT.withReadWriteType(ReadWriteType.WRITE_ONLY).withDataResources(bucket));
    byte[] putObject = edit(getObject, r -> r.put("eventName", "PutObject").put("readOnly", false));

    assertThat(writes.evaluate(getObject)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(writes.evaluate(putObject)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void lambdaFunctionValuesNameOneFunctionAndItsQualifiers() throws Exception {
    String function = "arn:aws:lambda:us-east-1:123456789123:function:helloworld";
    EventFilter filter = filter(NO_MANAGEMENT.withDataResources(
        DataResource.of(DataResource.LAMBDA_FUNCTION, function)));

    assertThat(filter.evaluate(invoke(function))).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(invoke(function + ":prod"))).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(invoke(function + "2"))).isEqualTo(Selection.NOT_SELECTED);
    assertThat(filter(NO_MANAGEMENT.withDataResources(DataResource.of(DataResource.LAMBDA_FUNCTION,
        "arn:aws:lambda"))).evaluate(invoke(function + "2"))).isEqualTo(Selection.SELECTED);
  }

  @Test
  void dynamoDbTableValuesNameOneTable() throws Exception {
    String table = "arn:aws:dynamodb:us-east-1:123456789123:table/orders";
    EventFilter filter = filter(NO_MANAGEMENT.withDataResources(DataResource.of(DataResource.DYNAMODB_TABLE, table)));
    byte[] getItem = dataEvent("dynamodb.amazonaws.com", "GetItem", DataResource.DYNAMODB_TABLE, table);
    byte[] otherTable = dataEvent("dynamodb.amazonaws.com", "GetItem", DataResource.DYNAMODB_TABLE, table + "-archive");

    assertThat(filter.evaluate(getItem)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(otherTable)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void selectorsAreOred() throws Exception {
    EventFilter filter = EventFilter.compile(BasicSelectors.of(
        EventSelector.allManagementEvents().withReadWriteType(ReadWriteType.READ_ONLY),
        NO_MANAGEMENT.withDataResources(DataResource.of(DataResource.S3_OBJECT, "arn:aws:s3:::" + BUCKET + "/"))));

    assertThat(filter.evaluate(getUser)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(getObject)).isEqualTo(Selection.SELECTED);
    assertThat(filter.evaluate(createUser)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void categoryIsDerivedFromManagementEventWhenEventCategoryIsMissing() throws Exception {
    byte[] oldDataEvent = edit(getObject, r -> r.remove("eventCategory"));
    byte[] oldManagementEvent = edit(getUser, r -> {
      r.remove("eventCategory");
      r.remove("managementEvent");
    });

    assertThat(EventFilter.defaults().evaluate(oldDataEvent)).isEqualTo(Selection.NOT_SELECTED);
    assertThat(s3(BUCKET + "/").evaluate(oldDataEvent)).isEqualTo(Selection.SELECTED);
    assertThat(EventFilter.defaults().evaluate(oldManagementEvent)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void insightsEventsAreNotGovernedBySelectors() throws Exception {
    byte[] insight = edit(createUser, r -> r.put("eventCategory", "Insight").put("eventType", "AwsCloudTrailInsight"));
    byte[] oldInsight = edit(insight, r -> r.remove("eventCategory"));

    assertThat(filter(NO_MANAGEMENT).evaluate(insight)).isEqualTo(Selection.SELECTED);
    assertThat(filter(NO_MANAGEMENT).evaluate(oldInsight)).isEqualTo(Selection.SELECTED);
  }

  @Test
  void basicSelectorsNeverTakeNetworkActivityEvents() {
    byte[] network = edit(getUser, r -> r.put("eventCategory", "NetworkActivity"));

    assertThat(EventFilter.defaults().evaluate(network)).isEqualTo(Selection.NOT_SELECTED);
  }

  @Test
  void compileRefusesInvalidSelectorsBuiltInCode() {
    BasicSelectors invalid = BasicSelectors.of(NO_MANAGEMENT.withDataResources(
        DataResource.of("AWS::S3::Bucket", "arn:aws:s3:::bucket/")));

    assertThatThrownBy(() -> EventFilter.compile(invalid))
        .isInstanceOf(InvalidEventSelectorsException.class)
        .hasMessageContaining("EventSelectors[0].DataResources[0].Type")
        .hasMessageContaining("AWS::S3::Bucket");
  }

  private EventFilter s3(String bucketAndPrefix) throws InvalidEventSelectorsException {
    return filter(NO_MANAGEMENT.withDataResources(
        DataResource.of(DataResource.S3_OBJECT, "arn:aws:s3:::" + bucketAndPrefix)));
  }

  private byte[] invoke(String functionArn) {
    return dataEvent("lambda.amazonaws.com", "Invoke", DataResource.LAMBDA_FUNCTION, functionArn);
  }

  /** The real S3 GetObject data event, turned into another service's data event on one resource. */
  private byte[] dataEvent(String source, String name, String type, String arn) {
    return edit(getObject, r -> {
      r.put("eventSource", source).put("eventName", name);
      ArrayNode resources = r.putArray("resources");
      ObjectNode resource = resources.addObject();
      resource.put("accountId", "123456789123").put("type", type).put("ARN", arn);
    });
  }

  private static EventFilter filter(EventSelector selector) throws InvalidEventSelectorsException {
    return EventFilter.compile(BasicSelectors.of(selector));
  }
}
