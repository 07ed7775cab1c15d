package io.orgtrail.cloudtrailapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrailDescriptionTest {
  @Test
  void keepsThePrefixWithoutSlashesAsCloudTrailReportsIt() {
    assertThat(new TrailDescription(TestTrail.NAME, "logs-bucket", "audit/org/", TestTrail.ORG_ID).keyPrefix())
        .isEqualTo("audit/org");
    assertThat(new TrailDescription(TestTrail.NAME, "logs-bucket", null, TestTrail.ORG_ID).keyPrefix()).isEmpty();
  }

  @Test
  void rejectsWhatCloudTrailWouldNotAccept() {
    assertThatThrownBy(() -> new TrailDescription(TestTrail.NAME, "Logs_Bucket", "", TestTrail.ORG_ID))
        .hasMessageContaining("bucket name 'Logs_Bucket' is not valid");
    assertThatThrownBy(() -> new TrailDescription(TestTrail.NAME, "logs-bucket", "../up", TestTrail.ORG_ID))
        .hasMessageContaining("key prefix '../up' is not valid");
    assertThatThrownBy(() -> new TrailDescription(TestTrail.NAME, "logs-bucket", "", "org-1"))
        .hasMessageContaining("organization id 'org-1' is not valid");
  }
}
