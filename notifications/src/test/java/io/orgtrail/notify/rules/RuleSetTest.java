package io.orgtrail.notify.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.notify.envelope.EventBridgeEnvelope;
import io.orgtrail.notify.pattern.EventPattern;
import io.orgtrail.notify.samples.RealRecords;
import java.net.URI;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static final URI HOOK = URI.create("https://hooks.example.com/orgtrail");

  private final Rule deleteTable = rule("delete-table", "{\"detail\":{\"eventName\":[\"DeleteTable\"]}}");
  private final Rule rootCall = rule("root-call", "{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}");
  private final Rule loginFailure = rule("console-login-failure", "{\"detail-type\":[\"AWS Console Sign In via"
      + " CloudTrail\"],\"detail\":{\"eventName\":[\"ConsoleLogin\"],\"responseElements\":{\"ConsoleLogin\":"
      + "[\"Failure\"]}}}");
  private final Rule anyConsoleLogin = rule("console-login", "{\"source\":[\"aws.signin\"],"
      + "\"detail\":{\"eventName\":[\"ConsoleLogin\"]}}");
  private final Rule throttled = rule("throttled", "{\"detail\":{\"errorCode\":[{\"suffix\":\"ThrottlingException\"},"
      + "\"Throttling\"]}}");
  private final RuleSet rules = new RuleSet(List.of(deleteTable, rootCall, loginFailure, anyConsoleLogin, throttled),
      new EventBridgeEnvelope(new RandomUuids(new SplittableRandom(1))));

  private static Rule rule(String name, String pattern) {
    return new Rule(name, EventPattern.parse(pattern), HOOK);
  }

  @Test
  void aRealSuccessfulConsoleLoginMatchesOnlyTheLoginRule() {
    byte[] login = RealRecords.first(RealRecords.field("eventName", "ConsoleLogin"));
    assertThat(rules.matching(login)).containsExactly(anyConsoleLogin);
  }

  @Test
  void aConsoleLoginFailureMatches() {
    ObjectNode record = RealRecords.tree(RealRecords.first(RealRecords.field("eventName", "ConsoleLogin")));
    ((ObjectNode) record.get("responseElements")).put("ConsoleLogin", "Failure");
    record.put("errorMessage", "Failed authentication");

    RuleMatches matches = rules.evaluate(RealRecords.bytes(record));

    assertThat(matches.rules()).containsExactly(loginFailure, anyConsoleLogin);
    assertThat(matches.event().get("detail")).isEqualTo(record);
  }

  @Test
  void aDeleteTableMatches() {
    // The datasets hold no DynamoDB call: a real API call turned into one.
    ObjectNode record = RealRecords.tree(RealRecords.first(RealRecords.field("eventType", "AwsApiCall")
        .and(r -> "IAMUser".equals(r.path("userIdentity").path("type").asText()))));
    record.put("eventSource", "dynamodb.amazonaws.com");
    record.put("eventName", "DeleteTable");
    record.set("requestParameters", RealRecords.JSON.createObjectNode().put("tableName", "orders"));

    RuleMatches matches = rules.evaluate(RealRecords.bytes(record));

    assertThat(matches.rules()).containsExactly(deleteTable);
    assertThat(matches.event().get("source").asText()).isEqualTo("aws.dynamodb");
  }

  @Test
  void aRootUserCallMatches() {
    ObjectNode record = RealRecords.tree(RealRecords.first(RealRecords.field("eventType", "AwsApiCall")
        .and(r -> "IAMUser".equals(r.path("userIdentity").path("type").asText()))));
    ObjectNode identity = (ObjectNode) record.get("userIdentity");
    String account = identity.get("accountId").asText();
    identity.put("type", "Root");
    identity.put("arn", "arn:aws:iam::" + account + ":root");
    identity.remove("userName");

    assertThat(rules.matching(RealRecords.bytes(record))).containsExactly(rootCall);
  }

  @Test
  void overEveryRecordedEventTheRulesMatchExactlyWhatTheRecordsSay() {
    List<byte[]> all = RealRecords.all();
    assertThat(all).hasSizeGreaterThan(3000);
    for (byte[] record : all) {
      JsonNode tree = RealRecords.tree(record);
      List<String> expected = new java.util.ArrayList<>();
      if ("ConsoleLogin".equals(tree.path("eventName").asText())) {
        expected.add(anyConsoleLogin.name());
      }
      String errorCode = tree.path("errorCode").asText("");
      if (errorCode.endsWith("ThrottlingException") || errorCode.equals("Throttling")) {
        expected.add(throttled.name());
      }
      assertThat(rules.matching(record).stream().map(Rule::name).collect(Collectors.toList()))
          .as("rules matching %s", tree.path("eventID").asText())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    long throttledCount = all.stream().filter(r -> rules.matching(r).contains(throttled)).count();
    assertThat(throttledCount).as("the datasets hold throttled calls").isPositive();
  }

  @Test
  void theNotificationBodyNamesTheRuleAndCarriesTheEnvelope() throws Exception {
    byte[] login = RealRecords.first(RealRecords.field("eventName", "ConsoleLogin"));
    RuleMatches matches = rules.evaluate(login);

    byte[] bytes = matches.notificationBody(anyConsoleLogin);
    JsonNode body = RealRecords.JSON.readTree(bytes);

    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .as("the record is carried as its exact bytes").endsWith(",\"detail\":" + new String(login,
            java.nio.charset.StandardCharsets.UTF_8) + "}}");
    assertThat(body.get("rule").asText()).isEqualTo("console-login");
    assertThat(body.get("event").get("detail")).isEqualTo(RealRecords.JSON.readTree(login));
    assertThat(body.get("event").get("detail-type").asText()).isEqualTo("AWS Console Sign In via CloudTrail");
  }

  @Test
  void rejectsDuplicateNamesBadWebhooksAndNonJsonRecords() {
    assertThatThrownBy(() -> new RuleSet(List.of(deleteTable, deleteTable), new EventBridgeEnvelope(
        new RandomUuids(new SplittableRandom(1)))))
        .hasMessageContaining("two rules are named delete-table");
    assertThatThrownBy(() -> new Rule("x", deleteTable.pattern(), URI.create("ftp://host/x")))
        .hasMessageContaining("rule x: the webhook must be an absolute http(s) URI");
    assertThatThrownBy(() -> new Rule(" ", deleteTable.pattern(), HOOK)).hasMessageContaining("non-blank name");
    assertThatThrownBy(() -> rules.matching("not json".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("could not parse");
  }
}
