package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {
  /** As JDK 17's G1 writes them with -Xlog:gc:file=...:timemillis (taken from a real run). */
  private static final List<String> LOG = List.of(
      "[1000ms] Using G1",
      "[1100ms] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(380M) 247.323ms",
      "[2000ms] GC(3) Pause Young (Concurrent Start) (Metadata GC Threshold) 30M->10M(380M) 23.350ms",
      "[2000ms] GC(4) Concurrent Mark Cycle",
      "[2037ms] GC(4) Pause Remark 12M->12M(47M) 2.703ms",
      "[2038ms] GC(4) Pause Cleanup 12M->12M(47M) 0.019ms",
      "[2040ms] GC(4) Concurrent Mark Cycle 39.867ms",
      "[3000ms] GC(26) Pause Young (Concurrent Start) (G1 Evacuation Pause) 504M->353M(653M) 41.872ms",
      "[9000ms] GC(30) Pause Full (Heap Inspection Initiated GC) 700M->301M(1024M) 512.5ms",
      "[9500ms] GC(31) Pause Young (Normal) (G1 Evacuation Pause) 900K->512K(1G) 0.5ms");

  @Test
  void readsEveryPauseAndSkipsTheOtherLines() {
    List<GcLog.Pause> pauses = GcLog.parse(LOG);

    assertThat(pauses).hasSize(7);
    GcLog.Pause first = pauses.get(0);
    assertThat(first.atEpochMillis()).isEqualTo(1100);
    assertThat(first.kind()).isEqualTo("Young (Normal) (G1 Evacuation Pause)");
    assertThat(first.beforeBytes()).isEqualTo(24L << 20);
    assertThat(first.afterBytes()).isEqualTo(6L << 20);
    assertThat(first.committedBytes()).isEqualTo(380L << 20);
    assertThat(first.millis()).isEqualTo(247.323);
    assertThat(pauses.get(5).full()).isTrue();
    assertThat(pauses.get(6).afterBytes()).isEqualTo(512L << 10);
    assertThat(pauses.get(6).committedBytes()).isEqualTo(1L << 30);
  }

  @Test
  void figuresOfAnIntervalTakeOnlyItsPauses() {
    GcLog.Figures window = GcLog.figures(GcLog.parse(LOG), 2000, 9000);

    assertThat(window.pauses()).isEqualTo(4);
    assertThat(window.fullPauses()).isZero();
    assertThat(window.totalPauseMillis()).isCloseTo(23.350 + 2.703 + 0.019 + 41.872, within(1e-9));
    assertThat(window.maxPauseMillis()).isEqualTo(41.872);
    assertThat(window.peakAfterBytes()).isEqualTo(353L << 20);
    assertThat(window.peakBeforeBytes()).isEqualTo(504L << 20);
    assertThat(window.peakCommittedBytes()).isEqualTo(653L << 20);

    GcLog.Figures all = GcLog.figures(GcLog.parse(LOG), Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(all.pauses()).isEqualTo(7);
    assertThat(all.fullPauses()).isEqualTo(1);
  }

  @Test
  void theJvmOptionNamesTheFileWithMillisecondTimestamps() {
    assertThat(GcLog.jvmOption(Path.of("/tmp/run/logs/gc.log"))).isEqualTo("-Xlog:gc:file=/tmp/run/logs/gc.log:timemillis");
    assertThatThrownBy(() -> GcLog.jvmOption(Path.of("/tmp/a:b/gc.log"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--dir");
  }
}
