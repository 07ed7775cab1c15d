package io.orgtrail.notify.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.notify.samples.RealRecords;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventBridgeEnvelopeTest {
  private final EventBridgeEnvelope envelope = new EventBridgeEnvelope(new RandomUuids(new SplittableRandom(7)));

  @Test
  void wrapsAConsoleSignInLikeEventBridgeDoes() {
    ObjectNode record = RealRecords.tree(RealRecords.first(RealRecords.field("eventName", "ConsoleLogin")));
    ObjectNode event = envelope.wrap(record);

    String expectedId = new RandomUuids(new SplittableRandom(7)).next();
    assertThat(event.fieldNames()).toIterable().containsExactly("version", "id", "detail-type", "source", "account",
        "time", "region", "resources", "detail");
    assertThat(event.get("version").asText()).isEqualTo("0");
    assertThat(event.get("id").asText()).isEqualTo(expectedId);
    assertThat(event.get("detail-type").asText()).isEqualTo("AWS Console Sign In via CloudTrail");
    assertThat(event.get("source").asText()).isEqualTo("aws.signin");
    assertThat(event.get("account").asText()).isEqualTo(record.get("recipientAccountId").asText());
    assertThat(event.get("time").asText()).isEqualTo(record.get("eventTime").asText());
    assertThat(event.get("region").asText()).isEqualTo(record.get("awsRegion").asText());
    assertThat(event.get("resources").isArray() && event.get("resources").isEmpty()).isTrue();
    assertThat(event.get("detail")).isEqualTo(record);
  }

  @Test
  void mapsEveryEventTypeAndTheSource() {
    ObjectNode apiCall = envelope.wrap(RealRecords.tree(RealRecords.first(RealRecords.field("eventType", "AwsApiCall")
        .and(RealRecords.field("eventSource", "ec2.amazonaws.com")))));
    assertThat(apiCall.get("detail-type").asText()).isEqualTo("AWS API Call via CloudTrail");
    assertThat(apiCall.get("source").asText()).isEqualTo("aws.ec2");

    ObjectNode serviceEvent = envelope.wrap(RealRecords.tree(RealRecords.first(
        RealRecords.field("eventType", "AwsServiceEvent"))));
    assertThat(serviceEvent.get("detail-type").asText()).isEqualTo("AWS Service Event via CloudTrail");

    assertThat(EventBridgeEnvelope.detailType("AwsConsoleAction")).isEqualTo("AWS Console Action via CloudTrail");
    assertThat(EventBridgeEnvelope.detailType("AwsCloudTrailInsight")).isEqualTo("AWS Insight via CloudTrail");
    assertThat(EventBridgeEnvelope.detailType(null)).isEqualTo("AWS API Call via CloudTrail");
    assertThat(EventBridgeEnvelope.source("dynamodb.amazonaws.com")).isEqualTo("aws.dynamodb");
    assertThat(EventBridgeEnvelope.source("resource-explorer-2.amazonaws.com")).isEqualTo("aws.resource-explorer-2");
    assertThat(EventBridgeEnvelope.source(null)).isNull();
  }

  @Test
  void eachEnvelopeHasItsOwnId() {
    ObjectNode record = RealRecords.tree(RealRecords.first(RealRecords.field("eventType", "AwsApiCall")));
    assertThat(envelope.wrap(record).get("id")).isNotEqualTo(envelope.wrap(record).get("id"));
  }

  @Test
  void refusesWhatIsNotAnObject() {
    assertThatThrownBy(() -> envelope.wrap(RealRecords.JSON.createArrayNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a JSON object, not ARRAY");
  }
}
