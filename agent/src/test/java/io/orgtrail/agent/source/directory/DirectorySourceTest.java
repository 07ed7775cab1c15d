package io.orgtrail.agent.source.directory;

import io.orgtrail.testkit.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.agent.batch.SettlementListener;
import io.orgtrail.agent.intake.IntakeResult;
import io.orgtrail.agent.spool.SourceMark;
import io.orgtrail.agent.testing.TestKeys;
import io.orgtrail.agent.testing.TestPipeline;
import io.orgtrail.agent.testing.TestRecords;
import io.orgtrail.format.batch.AgentCredentials;
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

/** The directory source over real files and a real spool, polled by hand, with acknowledgements given by the test. */
class DirectorySourceTest {
  private static final String ACCOUNT = "111122223333";
  private static final AgentCredentials AGENT = TestKeys.create("00000000000000d1", ACCOUNT);
  private static final int CHUNK = 3;

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
    newRun();
  }

  /** A new pipeline (spool included), source and finished-files list over the same state directory: a restart. */
  private void newRun() throws Exception {
    if (source != null) {
      source.close();
      finished.close();
      pipeline.close();
    }
    pipeline = new TestPipeline(state, AGENT, 500, Duration.ofHours(1), 1 << 24);
    finished = FinishedFiles.open(state);
    source = new DirectorySource(inbox, Duration.ofSeconds(1), pipeline.intake, finished, pipeline.spool, CHUNK);
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
    assertThat(source.filesFinished()).as("finished once in the spool, before any acknowledgement").isEqualTo(5);
    assertThat(source.filesPending()).isZero();
    // Each chunk of a file waited for its own batch, so nothing waits for the batch delay (an hour here).
    assertThat(pipeline.sealed()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(pipeline.sealed()).allSatisfy(b -> assertThat(b.events()).isLessThanOrEqualTo(CHUNK));
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
  void aFileIsFinishedOnceItsRecordsAreInTheSpoolAndNotReadAgainAfterARestart() throws Exception {
    Files.writeString(inbox.resolve("a.jsonl"), jsonLines(ids("a-", 7)));
    pollTwice();
    assertThat(source.filesFinished()).isEqualTo(1);
    assertThat(finished.size()).isEqualTo(1);
    assertThat(pipeline.spool.stats().events()).isEqualTo(7);
    assertThat(pipeline.spool.marks()).as("forgotten once recorded as finished").isEmpty();

    newRun(); // not acknowledged: the batches are in the spool, to be sent from there
    assertThat(pipeline.spool.unacknowledged()).extracting(b -> b.events()).containsExactly(3, 3, 1);
    pollTwice();
    assertThat(pipeline.intake.acceptedCount()).isZero();
    assertThat(source.filesFinished()).isZero();
  }

  @Test
  void aFileReadPartWayWhenTheAgentStoppedIsReadOnFromWhereItsRecordsInTheSpoolEnd() throws Exception {
    Path file = inbox.resolve("b.jsonl");
    Files.writeString(file, jsonLines(ids("b-", 3)) + "{broken\n" + jsonLines(List.of("b-3", "b-4")));
    FileIdentity id = new FileIdentity(file.toAbsolutePath().normalize(), Files.size(file),
        Files.getLastModifiedTime(file).toMillis());
    // What a run that stopped after its first chunk left behind: records 0..2 spooled with their positions.
    for (int i = 0; i < 3; i++) {
      IntakeResult.Accepted a = (IntakeResult.Accepted) pipeline.intake.check(line("b-" + i).getBytes(StandardCharsets.UTF_8));
      pipeline.intake.offerChecked(a, SettlementListener.NONE, new SourceMark(id.markKey(), i, i + 1));
    }
    pipeline.flush();

    newRun();
    pollTwice();
    assertThat(shippedIds()).as("only what the spool does not hold yet").containsExactly("b-3", "b-4");
    assertThat(pipeline.spool.unacknowledged()).extracting(b -> b.events()).containsExactly(3);
    assertThat(pipeline.intake.rejectedByProblem()).containsEntry("MALFORMED_JSON", 1L);
    assertThat(source.filesFinished()).isEqualTo(1);
  }

  @Test
  void positionsOfFinishedOrVanishedFilesAreForgottenAtStart() throws Exception {
    Path gone = inbox.resolve("gone.jsonl");
    Files.writeString(gone, jsonLines(ids("g-", 2)));
    FileIdentity id = new FileIdentity(gone.toAbsolutePath().normalize(), Files.size(gone),
        Files.getLastModifiedTime(gone).toMillis());
    IntakeResult.Accepted a = (IntakeResult.Accepted) pipeline.intake.check(line("g-0").getBytes(StandardCharsets.UTF_8));
    pipeline.intake.offerChecked(a, SettlementListener.NONE, new SourceMark(id.markKey(), 0, 1));
    pipeline.flush();
    Files.delete(gone);

    newRun();
    assertThat(pipeline.spool.marks()).containsOnlyKeys(id.markKey());
    source.start();
    assertThat(pipeline.spool.marks()).isEmpty();
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
    assertThat(source.filesFinished()).isEqualTo(1);
    assertThat(source.filesFailed()).isZero();
  }

  @Test
  void recordsTheSelectorsDoNotSelectAreTakenButNotSpooledAndTheFileIsFinished() throws Exception {
    pipeline.selectors.apply(io.orgtrail.selectors.filter.EventFilter.compile(io.orgtrail.selectors.TrailSelectors
        .parse("{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\"}]}")));
    StringBuilder mixed = new StringBuilder(line("w-0")).append('\n');
    for (String r : ids("r-", 4)) {
      mixed.append(readOnlyLine(r)).append('\n');
    }
    mixed.append(line("w-1")).append('\n').append(readOnlyLine("r-4")).append('\n');
    Files.writeString(inbox.resolve("mixed.jsonl"), mixed.toString());
    Files.writeString(inbox.resolve("reads.jsonl"), readOnlyLine("only-0") + "\n" + readOnlyLine("only-1") + "\n");
    pollTwice();

    assertThat(shippedIds()).containsExactly("w-0", "w-1");
    assertThat(pipeline.intake.filteredCount()).isEqualTo(7);
    assertThat(pipeline.intake.rejectedByProblem()).isEmpty();
    assertThat(source.filesFinished()).isEqualTo(2);
    assertThat(pipeline.spool.marks()).as("forgotten once recorded as finished").isEmpty();

    newRun();
    pollTwice();
    assertThat(source.filesFinished()).as("recorded as finished, not read again").isZero();
    assertThat(pipeline.intake.filteredCount()).isZero();
  }

  private static String readOnlyLine(String id) {
    return line(id).replace("{", "{\"readOnly\":true,");
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
