package io.orgtrail.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.notify.envelope.EventBridgeEnvelope;
import io.orgtrail.notify.pattern.EventPattern;
import io.orgtrail.notify.rules.Rule;
import io.orgtrail.notify.rules.RuleSet;
import io.orgtrail.notify.samples.RealRecords;
import io.orgtrail.notify.samples.TestReceiver;
import io.orgtrail.notify.samples.TestReceiver.Answer;
import io.orgtrail.notify.webhook.WebhookSender;
import io.orgtrail.testkit.Await;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierTest {
  private static final String KEY = "AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail/us-east-1/2026/11/21/"
      + "123456789012_CloudTrail_us-east-1_20261121T1205Z_Ab3dEf6hIj9kLm2n.json.gz";

  @TempDir
  Path tmp;

  @Test
  void notifiesTheFileWebhookAndTheRuleWebhooksOfMatchingRecords() throws Exception {
    try (TestReceiver files = new TestReceiver(n -> Answer.of(200));
        TestReceiver alerts = new TestReceiver(n -> Answer.of(200));
        WebhookSender sender = WebhookSender.builder().deadLetterFile(tmp.resolve("dead.jsonl")).build()) {
      URI alertHook = alerts.uri();
      RuleSet rules = new RuleSet(List.of(
          new Rule("console-login-failure", EventPattern.parse("{\"detail-type\":[\"AWS Console Sign In via"
              + " CloudTrail\"],\"detail\":{\"eventName\":[\"ConsoleLogin\"],\"responseElements\":{\"ConsoleLogin\":"
              + "[\"Failure\"]}}}"), alertHook)),
          new EventBridgeEnvelope(new RandomUuids(new SplittableRandom(5))));
      byte[] success = RealRecords.first(RealRecords.field("eventName", "ConsoleLogin"));
      ObjectNode failureTree = RealRecords.tree(success);
      ((ObjectNode) failureTree.get("responseElements")).put("ConsoleLogin", "Failure");
      failureTree.put("eventID", "0b5c1f0e-7a7e-4c47-9a43-1d0f3c4a2b11");
      // Exact bytes with a number form Jackson would rewrite, to show the record is passed on untouched.
      String failureText = RealRecords.JSON.writeValueAsString(failureTree).replaceFirst("\\{", "{\"x\":1.50,");
      byte[] failure = failureText.getBytes(StandardCharsets.UTF_8);
      Notifier notifier = new Notifier(sender, List.of(files.uri()), rules);

      int queued = notifier.logFileDurable("org-trail", KEY, List.of(success, failure));

      assertThat(queued).isEqualTo(2);
      Await.until(() -> sender.stats().delivered() == 2, () -> String.valueOf(sender.stats()));
      assertThat(files.requests).hasSize(1);
      assertThat(files.requests.get(0).bodyText())
          .isEqualTo("{\"s3Bucket\":\"org-trail\",\"s3ObjectKey\":[\"" + KEY + "\"]}");
      assertThat(files.requests.get(0).header("X-Orgtrail-Notification")).isEqualTo("file-delivered");
      assertThat(alerts.requests).hasSize(1);
      String body = alerts.requests.get(0).bodyText();
      assertThat(body).contains(",\"detail\":" + failureText + "}}");
      JsonNode tree = RealRecords.JSON.readTree(body);
      assertThat(tree.get("rule").asText()).isEqualTo("console-login-failure");
      assertThat(tree.get("event").get("detail-type").asText()).isEqualTo("AWS Console Sign In via CloudTrail");
      assertThat(tree.get("event").get("detail").get("eventID").asText())
          .isEqualTo("0b5c1f0e-7a7e-4c47-9a43-1d0f3c4a2b11");
      assertThat(alerts.requests.get(0).header("X-Orgtrail-Notification")).isEqualTo("rule-match");
    }
  }

  @Test
  void withoutRulesOrWebhooksNothingIsQueued() {
    try (WebhookSender sender = WebhookSender.builder().deadLetterFile(tmp.resolve("dead.jsonl"))
        .shutdownGrace(Duration.ZERO).build()) {
      Notifier notifier = new Notifier(sender, List.of(), new RuleSet(List.of(),
          new EventBridgeEnvelope(new RandomUuids(new SplittableRandom(5)))));
      assertThat(notifier.logFileDurable("b", KEY, List.of("not even json".getBytes(StandardCharsets.UTF_8))))
          .isZero();
      assertThat(sender.stats().sent()).isZero();
    }
  }
}
