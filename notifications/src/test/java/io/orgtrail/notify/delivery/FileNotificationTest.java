package io.orgtrail.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileNotificationTest {
  private static final String KEY = "AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail/us-east-1/2026/11/21/"
      + "123456789012_CloudTrail_us-east-1_20261121T1205Z_Ab3dEf6hIj9kLm2n.json.gz";

  @Test
  void isCloudTrailsSnsMessageByteForByte() {
    byte[] json = FileNotification.of("org-trail-bucket", KEY).toJson();

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo("{\"s3Bucket\":\"org-trail-bucket\",\"s3ObjectKey\":[\"" + KEY + "\"]}");
  }

  @Test
  void listsSeveralKeysInOrderAndKeepsSlashesAndPrefixesUnescaped() {
    String second = "team/" + KEY.replace("20261121T1205Z", "20261121T1210Z");
    assertThat(new FileNotification("b", List.of(KEY, second)).toJsonString())
        .isEqualTo("{\"s3Bucket\":\"b\",\"s3ObjectKey\":[\"" + KEY + "\",\"" + second + "\"]}");
  }

  @Test
  void needsABucketAndAKey() {
    assertThatThrownBy(() -> new FileNotification("", List.of(KEY))).hasMessageContaining("bucket name");
    assertThatThrownBy(() -> new FileNotification("b", List.of())).hasMessageContaining("at least one key");
  }
}
