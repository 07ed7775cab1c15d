package io.orgtrail.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFileKeysTest {
  @Test
  void onlyCloudTrailLogFilesAreIndexed() {
    String log = "p/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/eu-west-1/2025/01/02/"
        + "111122223333_CloudTrail_eu-west-1_20250102T0305Z_abcdefghijklmnop.json.gz";
    assertThat(LogFileKeys.isLogFile(log)).isTrue();
    assertThat(LogFileKeys.account(log)).contains("111122223333");
    assertThat(LogFileKeys.isLogFile(log.replace("/CloudTrail/", "/CloudTrail-Digest/"))).isFalse();
    assertThat(LogFileKeys.isLogFile(log.replace("/CloudTrail/", "/CloudTrail-Insight/"))).isFalse();
    assertThat(LogFileKeys.isLogFile(log.replace(".json.gz", ".json"))).isFalse();
    assertThat(LogFileKeys.account("elsewhere/file.json.gz")).isEmpty();
  }
}
