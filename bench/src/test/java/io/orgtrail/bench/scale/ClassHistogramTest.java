package io.orgtrail.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassHistogramTest {
  @TempDir Path dir;

  @Test
  void readsTheTotalAndTheLargestClasses() throws IOException {
    List<String> jcmd = List.of(
        "525:",
        " num     #instances         #bytes  class name (module)",
        "-------------------------------------------------------",
        "   1:        761567      406276440  [B (java.base@17.0.15)",
        "   2:        761274       24360768  java.util.HashMap$Node (java.base@17.0.15)",
        "   3:         59542        3334352  com.fasterxml.jackson.core.json.JsonReadContext",
        "Total       1582383      433971560");

    ClassHistogram h = ClassHistogram.parse(jcmd, 2);

    assertThat(h.totalInstances()).isEqualTo(1582383);
    assertThat(h.totalBytes()).isEqualTo(433971560);
    assertThat(h.top()).containsExactly(new ClassHistogram.Row("[B", 761567, 406276440),
        new ClassHistogram.Row("java.util.HashMap$Node", 761274, 24360768));
  }

  @Test
  void withoutATotalLineItIsNoHistogram() {
    assertThatThrownBy(() -> ClassHistogram.parse(List.of("12345:", "com.sun.tools.attach.AttachNotSupportedException"),
        5)).isInstanceOf(IOException.class).hasMessageContaining("no 'Total' line");
  }

  @Test
  void takesTheHistogramOfARealJvm() throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Path file = dir.resolve("histogram.txt");

    ClassHistogram h = ClassHistogram.take(jcmd, ProcessHandle.current().pid(), file, 5);

    assertThat(h.totalBytes()).isPositive();
    assertThat(h.top()).hasSize(5);
    assertThat(h.top().get(0).bytes()).isGreaterThanOrEqualTo(h.top().get(4).bytes());
    assertThat(Files.readString(file)).contains("Total");
  }

  @Test
  void jvmClassNamesReadAsJava() {
    assertThat(ScaleReport.readable("[B")).isEqualTo("byte[]");
    assertThat(ScaleReport.readable("[[J")).isEqualTo("long[][]");
    assertThat(ScaleReport.readable("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
    assertThat(ScaleReport.readable("java.lang.String")).isEqualTo("java.lang.String");
  }
}
