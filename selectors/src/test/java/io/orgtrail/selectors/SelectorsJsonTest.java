package io.orgtrail.selectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectorsJsonTest {
  private static final String BASIC = """
      {"EventSelectors":[
        {"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,
         "ExcludeManagementEventSources":["kms.amazonaws.com","rdsdata.amazonaws.com"]},
        {"IncludeManagementEvents":false,
         "DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::logs-bucket/","arn:aws:s3:::data/prefix"]},
                          {"Type":"AWS::Lambda::Function","Values":["arn:aws:lambda"]}]}
      ]}""";
  private static final String ADVANCED = """
      {"AdvancedEventSelectors":[
        {"Name":"writes without KMS","FieldSelectors":[
          {"Field":"eventCategory","Equals":["Management"]},
          {"Field":"readOnly","Equals":["false"]},
          {"Field":"eventSource","NotEquals":["kms.amazonaws.com"],"NotStartsWith":["rds"]}]},
        {"FieldSelectors":[
          {"Field":"eventCategory","Equals":["Data"]},
          {"Field":"resources.type","Equals":["AWS::S3::Object"]},
          {"Field":"resources.ARN","StartsWith":["arn:aws:s3:::logs-bucket/"],"NotEndsWith":[".tmp"]},
          {"Field":"userIdentity.arn","EndsWith":["/admin"]}]}
      ]}""";

  @Test
  void basicSelectorsAreReadWithCloudTrailsDefaults() throws Exception {
    TrailSelectors parsed = TrailSelectors.parse(BASIC);

    assertThat(parsed).isEqualTo(BasicSelectors.of(
        new EventSelector(ReadWriteType.WRITE_ONLY, true, List.of(),
            List.of("kms.amazonaws.com", "rdsdata.amazonaws.com")),
        new EventSelector(ReadWriteType.ALL, false, List.of(
            DataResource.of(DataResource.S3_OBJECT, "arn:aws:s3:::logs-bucket/", "arn:aws:s3:::data/prefix"),
            DataResource.of(DataResource.LAMBDA_FUNCTION, "arn:aws:lambda")), List.of())));
  }

  @Test
  void basicSelectorsAreWrittenInGetEventSelectorsShape() throws Exception {
    String json = TrailSelectors.parse("{\"EventSelectors\":[{\"IncludeManagementEvents\":false,"
        + "\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3\"]}]}]}").toJson();

    assertThat(json).isEqualTo("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":false,"
        + "\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3\"]}],"
        + "\"ExcludeManagementEventSources\":[]}]}");
    assertThat(TrailSelectors.defaults().toJson()).isEqualTo("{\"EventSelectors\":[{\"ReadWriteType\":\"All\","
        + "\"IncludeManagementEvents\":true,\"DataResources\":[],\"ExcludeManagementEventSources\":[]}]}");
  }

  @Test
  void advancedSelectorsAreReadAndWrittenWithOnlyTheOperatorsGiven() throws Exception {
    TrailSelectors parsed = TrailSelectors.parse(ADVANCED);

    assertThat(parsed).isInstanceOf(AdvancedSelectors.class);
    AdvancedEventSelector first = ((AdvancedSelectors) parsed).selectors().get(0);
    assertThat(first.name()).contains("writes without KMS");
    assertThat(first.fieldSelectors().get(2)).isEqualTo(new FieldSelector("eventSource", Map.of(
        Operator.NOT_EQUALS, List.of("kms.amazonaws.com"), Operator.NOT_STARTS_WITH, List.of("rds"))));
    assertThat(((AdvancedSelectors) parsed).selectors().get(1).name()).isEmpty();
    assertThat(parsed.toJson()).isEqualTo(new ObjectMapper().readTree(ADVANCED).toString());
  }

  @Test
  void theJsonFormRoundTrips() throws Exception {
    for (String json : List.of(BASIC, ADVANCED)) {
      TrailSelectors parsed = TrailSelectors.parse(json);
      TrailSelectors again = TrailSelectors.parse(parsed.toJson());

      assertThat(again).isEqualTo(parsed);
      assertThat(again.toJson()).isEqualTo(parsed.toJson());
      assertThat(again.fingerprint()).isEqualTo(parsed.fingerprint());
      assertThat(TrailSelectors.fromTree(parsed.toTree())).isEqualTo(parsed);
    }
  }

  @Test
  void theFingerprintIsTheSha256OfTheCanonicalJson() throws Exception {
    TrailSelectors parsed = TrailSelectors.parse(BASIC);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(parsed.toJson().getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.fingerprint()).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64);
    // Writing the defaults out or leaving them implicit names the same selectors.
    assertThat(TrailSelectors.parse("{\"EventSelectors\":[{}]}").fingerprint())
        .isEqualTo(TrailSelectors.defaults().fingerprint());
    assertThat(TrailSelectors.parse(ADVANCED).fingerprint()).isNotEqualTo(parsed.fingerprint());
    assertThat(TrailSelectors.parse(BASIC.replace("WriteOnly", "ReadOnly")).fingerprint())
        .isNotEqualTo(parsed.fingerprint());
  }

  @Test
  void selectorsAreReadFromTheAggregatorsYaml() throws Exception {
    String yaml = """
        trail:
          name: org-trail
          selectors:
            AdvancedEventSelectors:
              - Name: management writes
                FieldSelectors:
                  - Field: eventCategory
                    Equals: [Management]
                  - Field: readOnly
                    Equals: [false]
        """;
    String basicYaml = """
        EventSelectors:
          - ReadWriteType: ReadOnly
            IncludeManagementEvents: "true"
        """;
    YAMLMapper mapper = new YAMLMapper();

    TrailSelectors advanced = TrailSelectors.fromTree(mapper.readTree(yaml).path("trail").path("selectors"));
    TrailSelectors basic = TrailSelectors.fromTree(mapper.readTree(basicYaml));

    assertThat(advanced).isEqualTo(AdvancedSelectors.of(new AdvancedEventSelector(Optional.of("management writes"),
        List.of(FieldSelector.of(SelectorField.EVENT_CATEGORY, Operator.EQUALS, "Management"),
            FieldSelector.of(SelectorField.READ_ONLY, Operator.EQUALS, "false")))));
    assertThat(basic).isEqualTo(BasicSelectors.of(
        EventSelector.allManagementEvents().withReadWriteType(ReadWriteType.READ_ONLY)));
  }

  @Test
  void noSelectorsConfiguredMeansCloudTrailsDefaults() throws Exception {
    assertThat(TrailSelectors.fromTree(null)).isEqualTo(TrailSelectors.defaults());
    assertThat(TrailSelectors.fromTree(MissingNode.getInstance())).isEqualTo(TrailSelectors.defaults());
    assertThat(TrailSelectors.fromTree(new ObjectMapper().readTree("null"))).isEqualTo(TrailSelectors.defaults());
  }

  @Test
  void theTrailNamingMembersOfCloudTrailsRequestAndAnswerAreIgnored() throws Exception {
    TrailSelectors parsed = TrailSelectors.parse("{\"TrailARN\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/t\","
        + "\"EventSelectors\":[{\"ReadWriteType\":\"All\"}],\"AdvancedEventSelectors\":null}");

    assertThat(parsed).isEqualTo(TrailSelectors.defaults());
  }
}
