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
