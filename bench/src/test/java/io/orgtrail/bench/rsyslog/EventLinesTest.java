package io.orgtrail.bench.rsyslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventLinesTest {
  private static final String A = "{\"eventVersion\":\"1.08\",\"eventID\":\"5f1c1d2e-1111-4222-8333-444455556666\","
      + "\"eventName\":\"GetObject\"}";
  private static final String B = "{\"eventID\":\"0a0b0c0d-1111-4222-8333-444455556666\",\"eventName\":\"PutObject\","
      + "\"requestParameters\":{\"bucketName\":\"logs\"}}";

  private final EventLines lines = new EventLines(bytes(A, B), 3, new Random(7));

  @Test
  void linesTakeTheRecordsInTurnAndDifferOnlyInTheirEventId() {
    String first = text(lines.line(0));
    String second = text(lines.line(1));
    String third = text(lines.line(2));

    assertThat(first).startsWith("{\"eventVersion\":\"1.08\",\"eventID\":\"").endsWith("\",\"eventName\":\"GetObject\"}")
        .hasSameSizeAs(A);
    assertThat(second).endsWith("\",\"eventName\":\"PutObject\",\"requestParameters\":{\"bucketName\":\"logs\"}}");
    assertThat(third).isNotEqualTo(first).hasSameSizeAs(first);
    assertThat(eventId(first)).matches("[0-9a-f]{8}-0003-4000-8000-000000000000");
    assertThat(eventId(third)).endsWith("-0003-4000-8000-000000000002");
  }

  @Test
  void noTwoLinesAreAlikeAcrossStreams() {
    EventLines other = new EventLines(bytes(A, B), 4, new Random(7));
    Set<String> seen = new HashSet<>();
    for (long i = 0; i < 1000; i++) {
      seen.add(text(lines.line(i)));
      seen.add(text(other.line(i)));
    }

    assertThat(seen).hasSize(2000);
  }

  @Test
  void aLineTellsItsSequenceOnlyWhenItIsExactlyThatLine() {
    byte[] line = lines.line(123_456_789L);

    assertThat(lines.sequenceOf(line)).hasValue(123_456_789L);
    assertThat(new EventLines(bytes(A, B), 4, new Random(7)).sequenceOf(line)).isEmpty();
    byte[] changed = line.clone();
    changed[changed.length - 3] = 'X';
    assertThat(lines.sequenceOf(changed)).isEmpty();
    assertThat(lines.sequenceOf("{}".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  @Test
  void appendPutsTheLineAndItsLineFeedOrNothing() {
    ByteBuffer small = ByteBuffer.allocate(A.length());
    assertThat(lines.append(0, small)).isFalse();
    assertThat(small.position()).isZero();

    ByteBuffer buffer = ByteBuffer.allocate(lines.maxLineBytes() * 2);
    assertThat(lines.append(0, buffer)).isTrue();
    assertThat(lines.append(1, buffer)).isTrue();
    assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8))
        .isEqualTo(text(lines.line(0)) + "\n" + text(lines.line(1)) + "\n");
    assertThat(lines.meanRecordBytes()).isEqualTo((A.length() + B.length()) / 2.0);
  }

  @Test
  void aRecordWithoutEventIdGetsOneFirst() {
    EventLines without = new EventLines(bytes("{\"eventName\":\"Login\"}"), 0, new Random(1));

    assertThat(text(without.line(5))).matches("\\{\"eventID\":\"[0-9a-f]{8}-0000-4000-8000-000000000005\","
        + "\"eventName\":\"Login\"}");
  }

  @Test
  void recordsMustBeOneLineWithAUuidEventId() {
    assertThatThrownBy(() -> new EventLines(bytes("{\"eventID\":\"x\",\n\"a\":1}"), 0, new Random(1)))
        .hasMessageContaining("spans lines");
    assertThatThrownBy(() -> new EventLines(bytes("{\"eventID\":\"short\"}"), 0, new Random(1)))
        .hasMessageContaining("36-character UUID");
    assertThatThrownBy(() -> new EventLines(List.of(), 0, new Random(1))).hasMessageContaining("no records");
  }

  private static List<byte[]> bytes(String... records) {
    return java.util.Arrays.stream(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static String text(byte[] line) {
    return new String(line, StandardCharsets.UTF_8);
  }

  private static String eventId(String line) {
    int at = line.indexOf("\"eventID\":\"") + "\"eventID\":\"".length();
    return line.substring(at, at + 36);
  }
}
