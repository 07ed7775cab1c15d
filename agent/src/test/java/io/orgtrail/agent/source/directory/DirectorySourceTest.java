package io.orgtrail.agent.source.directory;

import io.orgtrail.testkit.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestPipeline;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.record.RecordScanner;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory source over real files, polled by hand, with acknowledgements given by the test. */
class DirectorySourceTest {
  private static final String ACCOUNT = "111122223333";

  @TempDir Path tmp;
  private Path inbox;
  private Path state;
  private TestPipeline pipeline;
  private FinishedFiles finished;
  private DirectorySource source;

  @BeforeEach
  void setUp() throws Exception {
    inbox = Files.createDirectories(tmp.resolve("inbox"));
    state = tmp.resolve("state");
    pipeline = new TestPipeline(state, TestKeys.create("00000000000000d1", ACCOUNT), 500, Duration.ofHours(1), 1 << 24);
    newRun();
  }

  /** A new source and finished-files list over the same state directory, as after an agent restart. */
  private void newRun() throws Exception {
    if (source != null) {
      source.close();
      finished.close();
    }
    finished = FinishedFiles.open(state);
    source = new DirectorySource(inbox, Duration.ofSeconds(1), pipeline.intake, finished);
  }

  @AfterEach
  void tearDown() throws Exception {
    source.close();
    finished.close();
    pipeline.close();
  }

  private static String line(String id) {
    return TestRecords.json(ACCOUNT, "eu-west-1", id);
  }

  private static List<String> ids(String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
    }
    return ids;
  }

  private static String jsonLines(List<String> ids) {
    StringBuilder b = new StringBuilder();
    for (String id : ids) {
      b.append(line(id)).append('\n');
    }
    return b.toString();
  }

  private static String array(List<String> ids) {
    return "[\n  " + String.join(",\n  ", ids.stream().map(DirectorySourceTest::line).toList()) + "\n]\n";
  }

  private List<String> shippedIds() throws Exception {
    pipeline.flush();
    RecordScanner scanner = new RecordScanner();
    List<String> ids = new ArrayList<>();
    for (String e : pipeline.sealedEvents()) {
      ids.add(scanner.scan(e.getBytes(StandardCharsets.UTF_8)).eventId());
    }
    return ids;
  }

  private void pollTwice() throws Exception {
    source.pollOnce();
    source.pollOnce();
  }

  @Test
  void readsLogFilesArraysAndJsonLinesPlainOrGzippedAndIgnoresEverythingElse() throws Exception {
    Files.writeString(inbox.resolve("111122223333_CloudTrail_eu-west-1_20240501T1000Z_abc.json"),
        "{\"Records\":" + array(ids("trail-", 3)) + "}");
    Files.writeString(inbox.resolve("array.json"), array(ids("array-", 2)));
    Files.writeString(inbox.resolve("events.jsonl"), jsonLines(ids("jsonl-", 2)));
    Files.writeString(inbox.resolve("events.ndjson"), jsonLines(ids("ndjson-", 2)));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(inbox.resolve("zipped.json.gz")))) {
      out.write(("{\"Records\":" + array(ids("gz-", 4)) + "}").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(inbox.resolve("notes.txt"), jsonLines(ids("txt-", 1)));
    Files.writeString(inbox.resolve(".partial.json"), array(ids("dot-", 1)));
    Files.createDirectories(inbox.resolve("sub.json"));
    Files.writeString(inbox.resolve("sub.json").resolve("nested.json"), array(ids("nested-", 1)));

    pollTwice();

    List<String> expected = new ArrayList<>();
    for (String p : List.of("trail-", "array-", "jsonl-", "ndjson-", "gz-")) {
      expected.addAll(ids(p, p.equals("trail-") ? 3 : p.equals("gz-") ? 4 : 2));
    }
    assertThat(shippedIds()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(source.filesPending()).isEqualTo(5);
    pipeline.settleAll(true);
    assertThat(source.filesFinished()).isEqualTo(5);
    assertThat(source.filesPending()).isZero();
  }

  @Test
  void takesAFileOnlyAfterItStoppedChangingBetweenTwoPolls() throws Exception {
    Path file = inbox.resolve("growing.jsonl");
    Files.writeString(file, jsonLines(ids("g-", 3)) + line("g-3").substring(0, 40));
    source.pollOnce();
    Files.writeString(file, line("g-3").substring(40) + "\n" + jsonLines(List.of("g-4")), StandardOpenOption.APPEND);
    source.pollOnce();
    assertThat(pipeline.intake.acceptedCount()).as("nothing read while the file was growing").isZero();
    assertThat(pipeline.intake.rejectedByProblem()).isEmpty();

    source.pollOnce();
    assertThat(shippedIds()).containsExactlyElementsOf(ids("g-", 5));
  }

  @Test
  void aFileIsFinishedOnceItsBatchesAreAcknowledgedAndNotReadAgainAfterARestart() throws Exception {
    Files.writeString(inbox.resolve("a.jsonl"), jsonLines(ids("a-", 3)));
    pollTwice();
    pipeline.flush();
    assertThat(source.filesPending()).isEqualTo(1);
    assertThat(source.filesFinished()).isZero();

    pipeline.settleAll(true);
    assertThat(source.filesFinished()).isEqualTo(1);
    assertThat(finished.size()).isEqualTo(1);

    newRun();
    pollTwice();
    assertThat(pipeline.intake.acceptedCount()).isEqualTo(3);
    assertThat(source.filesFinished()).isZero();
  }

  @Test
  void aFileWhoseBatchesWereNotAcknowledgedIsReadAgainAfterARestart() throws Exception {
    Files.writeString(inbox.resolve("b.jsonl"), jsonLines(ids("b-", 2)));
    pollTwice();
    pipeline.flush();
    newRun(); // stopped before any ack

    pollTwice();
    assertThat(shippedIds()).containsExactly("b-0", "b-1", "b-0", "b-1");
    pipeline.settleAll(true);
    assertThat(source.filesFinished()).isEqualTo(1);
  }

  @Test
  void aFileWithRejectedBatchesIsDoneForThisRunButReadAgainAtTheNext() throws Exception {
    Files.writeString(inbox.resolve("c.jsonl"), jsonLines(ids("c-", 2)));
    pollTwice();
    pipeline.flush();
    pipeline.settleAll(false);
    assertThat(source.filesFinished()).isEqualTo(1);
    assertThat(source.filesFailed()).isEqualTo(1);
    pollTwice();
    assertThat(pipeline.intake.acceptedCount()).as("not again in the same run").isEqualTo(2);

    newRun();
    pollTwice();
    assertThat(pipeline.intake.acceptedCount()).isEqualTo(4);
  }

  @Test
  void invalidRecordsAreRefusedOneByOneAndTheRestIsShipped() throws Exception {
    Files.writeString(inbox.resolve("mixed.jsonl"), line("ok-0") + "\n"
        + TestRecords.json("999999999999", "eu-west-1", "other-account") + "\n"
        + "{\"eventTime\": broken\n"
        + line("ok-1") + "\n");
    pollTwice();
    assertThat(shippedIds()).containsExactly("ok-0", "ok-1");
    assertThat(pipeline.intake.rejectedByProblem()).containsEntry("WRONG_ACCOUNT", 1L).containsEntry("MALFORMED_JSON", 1L);
    pipeline.settleAll(true);
    assertThat(source.filesFinished()).isEqualTo(1);
    assertThat(source.filesFailed()).isZero();
  }

  @Test
  void aFileThatCannotBeParsedIsSkippedForGood() throws Exception {
    Files.writeString(inbox.resolve("broken.json"), "[" + line("x-0") + ", {\"eventTime\": ");
    Files.write(inbox.resolve("notgzip.json.gz"), "plain text".getBytes(StandardCharsets.UTF_8));
    Files.writeString(inbox.resolve("empty.json"), "");
    pollTwice();
    assertThat(source.filesFailed()).isEqualTo(2);
    assertThat(source.filesFinished()).isEqualTo(3);
    assertThat(pipeline.intake.acceptedCount()).isZero();

    newRun();
    pollTwice();
    assertThat(source.filesFinished()).as("recorded as finished, not tried again").isZero();
  }
}
