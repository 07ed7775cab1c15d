package io.orgtrail.bench.rsyslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** impstats' JSON lines as rsyslog 8.2302 prints them. */
class ImpstatsLineTest {
  @Test
  void readsNameOriginAndIntegerCounters() {
    ImpstatsLine line = ImpstatsLine.parse("{ \"name\": \"deliver\", \"origin\": \"core.action\", \"processed\": "
        + "35071, \"failed\": 0, \"suspended\": 0, \"suspended.duration\": 0, \"resumed\": 0 }").orElseThrow();

    assertThat(line.name()).isEqualTo("deliver");
    assertThat(line.origin()).isEqualTo("core.action");
    assertThat(line.counter("processed")).hasValue(35071);
    assertThat(line.counters()).containsKeys("failed", "suspended.duration").doesNotContainKeys("name", "origin");
    assertThat(line.counter("enqueued")).isEmpty();
  }

  @Test
  void queueNamesKeepTheirDiskAssistedSuffix() {
    ImpstatsLine line = ImpstatsLine.parse("{ \"name\": \"forward queue[DA]\", \"origin\": \"core.queue\", "
        + "\"size\": 40103, \"enqueued\": 53416, \"full\": 14, \"discarded.full\": 0, \"discarded.nf\": 0, "
        + "\"maxqsize\": 40384 }").orElseThrow();

    assertThat(line.name()).isEqualTo("forward queue[DA]");
    assertThat(line.counter("size")).hasValue(40103);
  }

  @Test
  void nonIntegerMembersAreLeftOut() {
    ImpstatsLine line = ImpstatsLine.parse(
        "{ \"name\": \"global\", \"origin\": \"dynstats\", \"values\": { } }").orElseThrow();

    assertThat(line.counters()).isEmpty();
  }

  @Test
  void rsyslogsOwnMessagesAndBrokenLinesAreNotStatistics() {
    assertThat(ImpstatsLine.parse("2026-11-21T08:47:38.879224+00:00 vm rsyslogd: [origin software=\"rsyslogd\"] "
        + "exiting on signal 15.")).isEmpty();
    assertThat(ImpstatsLine.parse("{ \"name\": \"deliver\", \"origin\": ")).isEmpty();
    assertThat(ImpstatsLine.parse("{ \"origin\": \"core.action\" }")).isEmpty();
  }
}
