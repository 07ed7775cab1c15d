package io.orgtrail.aggregator.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.generate.TrailBucket;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteGuardTest {
  private static final String ACCOUNT = "111122223333";
  private final WriteGuard guard =
      new WriteGuard(new TrailBucket("org-trail", "logs", "o-guard12345"), new PolicyEvaluator(Clock.systemUTC()));

  @ParameterizedTest
  @ValueSource(strings = {
      "logs/AWSLogs/o-guard12345/111122223333/CloudTrail/us-east-1/2024/05/01/111122223333_CloudTrail_us-east-1_20240501T1000Z_abcdefgh12345678.json.gz",
      "logs/AWSLogs/o-guard12345/111122223333/CloudTrail-Digest/eu-west-1/2024/05/01/x.json.gz"})
  void keysUnderTheAccountsOwnPrefixMayBeWritten(String key) {
    assertThatCode(() -> guard.check(ACCOUNT, key)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "logs/AWSLogs/o-guard12345/999988887777/CloudTrail/us-east-1/x.json.gz",
      "logs/AWSLogs/o-guard12345/x.json.gz",
      "logs/AWSLogs/o-other12345/111122223333/CloudTrail/us-east-1/x.json.gz",
      "AWSLogs/o-guard12345/111122223333/CloudTrail/us-east-1/x.json.gz",
      "logs/AWSLogs/o-guard12345/1111222233334/CloudTrail/x.json.gz",
      "logs/AWSLogs/o-guard12345/111122223333/../999988887777/CloudTrail/x.json.gz",
      "logs/AWSLogs/o-guard12345/111122223333/CloudTrail/us-east-1\u0000/x.json.gz",
      "x.json.gz",
      ""})
  void anyOtherKeyIsRefusedWithTheAccountAndTheAllowedPrefix(String key) {
    assertThatThrownBy(() -> guard.check(ACCOUNT, key))
        .isInstanceOf(KeyOutsideAccountException.class)
        .hasMessageContaining("refusing to write '" + key + "' for account " + ACCOUNT)
        .hasMessageContaining("arn:aws:s3:::org-trail/logs/AWSLogs/o-guard12345/111122223333/*");
  }
}
