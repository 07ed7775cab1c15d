package io.orgtrail.cloudtrailapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.selectors.TrailSelectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code aws cloudtrail get-event-selectors} and {@code put-event-selectors} against the API. */
class EventSelectorsAwsCliTest {
  private static final String PLATFORM_KEY = "AKIAORGTRAILTEST0001";
  private static final String PLATFORM_SECRET = "orgtrail-test-secret-not-a-real-key";
  private static final String MEMBER_KEY = "AKIAORGTRAILMEMBER01";
  private static final String MEMBER_SECRET = "member-secret";

  @TempDir Path dir;
  private final AtomicReference<TrailSelectors> saved = new AtomicReference<>(TrailSelectors.defaults());
  private CloudTrailApiServer server;

  @BeforeEach
  void start() throws Exception {
    Map<String, ApiCaller> keys = Map.of(
        PLATFORM_KEY, new ApiCaller("platform", PLATFORM_SECRET, Optional.empty(), Set.of()),
        MEMBER_KEY, new ApiCaller("member", MEMBER_SECRET, Optional.empty(), Set.of("111122223333")));
    server = CloudTrailApiServer.builder()
        .listen("127.0.0.1", 0)
        .trail(TestTrail.description())
        .publicKeys(List::of)
        .credentials(key -> Optional.ofNullable(keys.get(key)))
        .eventSelectors(new EventSelectorsStore() {
          @Override
          public TrailSelectors current() {
            return saved.get();
          }

          @Override
          public void put(TrailSelectors selectors) throws io.orgtrail.selectors.InvalidEventSelectorsException {
            saved.set(selectors.validate());
          }
        })
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AwsCli cli(String key, String secret) {
    return AwsCli.withEnv(dir, Map.of("AWS_ENDPOINT_URL_CLOUDTRAIL", server.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", key, "AWS_SECRET_ACCESS_KEY", secret));
  }

  @Test
  void thePlatformReplacesTheSelectorsAndEveryoneReadsThem() {
    JsonNode before = cli(MEMBER_KEY, MEMBER_SECRET).run("cloudtrail", "get-event-selectors", "--trail-name",
        TestTrail.ARN, "--output", "json").json();
    assertThat(before.get("TrailARN").asText()).isEqualTo(TestTrail.ARN);
    assertThat(before.at("/EventSelectors/0/ReadWriteType").asText()).isEqualTo("All");

    JsonNode put = cli(PLATFORM_KEY, PLATFORM_SECRET).run("cloudtrail", "put-event-selectors", "--trail-name",
        "org-trail", "--event-selectors", "[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true}]",
        "--output", "json").json();

    assertThat(put.at("/EventSelectors/0/ReadWriteType").asText()).isEqualTo("WriteOnly");
    assertThat(saved.get().toJson()).contains("WriteOnly");
  }

  @Test
  void aMemberMayNotChangeThemAndBadSelectorsAreRefusedWithCloudTrailsError() {
    AwsCli.Result member = cli(MEMBER_KEY, MEMBER_SECRET).run("cloudtrail", "put-event-selectors", "--trail-name",
        "org-trail", "--event-selectors", "[{\"ReadWriteType\":\"WriteOnly\"}]");
    AwsCli.Result bad = cli(PLATFORM_KEY, PLATFORM_SECRET).run("cloudtrail", "put-event-selectors", "--trail-name",
        "org-trail", "--event-selectors", "[{\"ReadWriteType\":\"Sometimes\"}]");
    AwsCli.Result otherTrail = cli(PLATFORM_KEY, PLATFORM_SECRET).run("cloudtrail", "get-event-selectors",
        "--trail-name", "another-trail");

    assertThat(member.exitCode()).isNotZero();
    assertThat(member.stderr()).contains("AccessDeniedException", "platform");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("InvalidEventSelectorsException", "Sometimes");
    assertThat(otherTrail.stderr()).contains("TrailNotFoundException");
    assertThat(saved.get().toJson()).doesNotContain("WriteOnly");
  }
}
