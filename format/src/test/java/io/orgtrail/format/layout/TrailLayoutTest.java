package io.orgtrail.format.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrailLayoutTest {
  private final Instant delivery = Instant.parse("2024-03-05T07:09:41Z");

  @Test
  void buildsTheOrganizationTrailKeyCloudTrailUses() {
    TrailLayout layout = new TrailLayout("audit", "o-a1b2c3d4e5");
    assertThat(layout.logFileKey("111122223333", "eu-west-1", delivery, "AbCdEfGh12345678"))
        .isEqualTo("audit/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/eu-west-1/2024/03/05/"
            + "111122223333_CloudTrail_eu-west-1_20240305T0709Z_AbCdEfGh12345678.json.gz");
    assertThat(new TrailLayout("", null).accountPrefix("111122223333")).isEqualTo("AWSLogs/111122223333/");
  }

  @Test
  void buildsTheInsightsFileKeyCloudTrailUses() {
    TrailLayout layout = new TrailLayout("", "o-a1b2c3d4e5");
    assertThat(layout.insightFileKey("111122223333", "us-east-1", delivery, "AbCdEfGh12345678"))
        .isEqualTo("AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail-Insight/us-east-1/2024/03/05/"
            + "111122223333_CloudTrail-Insight_us-east-1_20240305T0709Z_AbCdEfGh12345678.json.gz")
        .startsWith(layout.insightFilePrefix("111122223333", "us-east-1"));
  }

  @Test
  void buildsTheDigestKeyTheAwsCliLooksFor() {
    TrailLayout layout = new TrailLayout("logs", "o-a1b2c3d4e5");
    TrailName trail = new TrailName("org-trail", "us-east-1", "999999999999");
    String key = layout.digestKey("111122223333", "eu-west-1", trail, java.time.Instant.parse("2024-05-01T11:00:07Z"));
    assertThat(key).isEqualTo("logs/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail-Digest/eu-west-1/2024/05/01/"
        + "111122223333_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_20240501T110007Z.json.gz");
    // The AWS CLI reads the end time from the 16 characters before ".json.gz".
    assertThat(key.substring(key.length() - 24, key.length() - 8)).isEqualTo("20240501T110007Z");
    assertThat(key).startsWith(layout.digestPrefix("111122223333", "eu-west-1"));
  }

  @Test
  void trailArnsRoundTripAndBadOnesAreExplained() {
    TrailName trail = TrailName.fromArn("arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail");
    assertThat(trail).isEqualTo(new TrailName("org-trail", "us-east-1", "999999999999"));
    assertThat(trail.arn()).isEqualTo("arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrailName.fromArn("arn:aws:s3:::bucket"))
        .hasMessageContaining("is not a trail ARN");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrailName("a/b", "us-east-1", "999999999999"))
        .hasMessageContaining("trail name 'a/b' is not valid");
  }

  @Test
  void refusesSegmentsThatCouldLeaveTheAccountPrefix() {
    TrailLayout layout = new TrailLayout("", "o-a1b2c3d4e5");
    assertThatThrownBy(() -> layout.logFileKey("111122223333", "../x", delivery, "AbCdEfGh12345678"))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> layout.logFileKey("1111/2223333", "us-east-1", delivery, "AbCdEfGh12345678"))
        .hasMessageContaining("account id");
    assertThatThrownBy(() -> layout.logFileKey("111122223333", "us-east-1", delivery, "../../../xxxxxxx"))
        .hasMessageContaining("16");
    assertThatThrownBy(() -> new TrailLayout("../up", "o-a1b2c3d4e5")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> new TrailLayout("", "o-A/../")).hasMessageContaining("organization id");
  }

  @Test
  void uniqueNamesAreSixteenAlphanumerics() {
    UniqueNames names = new UniqueNames(new SplittableRandom(7));
    String a = names.next();
    assertThat(a).hasSize(16).matches("[A-Za-z0-9]{16}");
    assertThat(names.next()).isNotEqualTo(a);
  }

  @Test
  void regionNamesInTheRecordedDatasetsAreAccepted() {
    assertThat(Region.isValid("us-east-1")).isTrue();
    assertThat(Region.isValid("us-gov-west-1")).isTrue();
    assertThat(Region.isValid("sagov-westsouth-1r")).isTrue();
    assertThat(Region.isValid("ap-isob-central-3r")).isTrue();
  }
}
