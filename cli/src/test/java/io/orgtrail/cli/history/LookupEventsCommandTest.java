package io.orgtrail.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.cli.OrgtrailCommand;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.history.EventHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LookupEventsCommandTest {
  private static final String ACCOUNT = "111122223333";

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OrgtrailCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(io.orgtrail.cli.Main.run(cli, args), out.toString(), err.toString());
  }

  private static byte[] record(String id, String name, Instant time) {
    return ("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"alice\"},"
        + "\"eventTime\":\"" + time + "\",\"eventSource\":\"dynamodb.amazonaws.com\",\"eventName\":\"" + name
        + "\",\"awsRegion\":\"us-east-1\",\"eventID\":\"" + id + "\",\"readOnly\":false,\"eventType\":\"AwsApiCall\","
        + "\"managementEvent\":true,\"eventCategory\":\"Management\",\"recipientAccountId\":\"" + ACCOUNT + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void findsEventsByAttributeNewestFirstInTheAwsCliShape() throws Exception {
    Instant now = Instant.now();
    try (EventHistory history = EventHistory.open(dir.resolve("history"), Clock.systemUTC())) {
      LogFileAssembler file = new LogFileAssembler();
      file.add(record("e-1", "DeleteTable", now.minusSeconds(7200)), now.minusSeconds(7200));
      file.add(record("e-2", "CreateTable", now.minusSeconds(3600)), now.minusSeconds(3600));
      file.add(record("e-3", "DeleteTable", now.minusSeconds(60)), now.minusSeconds(60));
      history.index(new TrailLayout("", "o-a1b2c3d4e5").logFileKey(ACCOUNT, "us-east-1", now, "AAAAAAAAAAAAAAAA"),
          file.finish().gzipped());
    }

    Run r = run("lookup-events", "--history-dir", dir.resolve("history").toString(), "--lookup-attributes",
        "AttributeKey=EventName,AttributeValue=DeleteTable");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode events = new ObjectMapper().readTree(r.out()).get("Events");
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("EventId").asText()).isEqualTo("e-3");
    assertThat(events.get(1).get("EventId").asText()).isEqualTo("e-1");
    assertThat(events.get(0).get("Username").asText()).isEqualTo("alice");
    assertThat(events.get(0).get("EventTime").asText()).endsWith("Z");
  }

  @Test
  void withoutAHistoryItSaysHowToGetOneAndBadAttributesAreUsageErrors() throws Exception {
    Run missing = run("lookup-events", "--history-dir", dir.resolve("none").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("there is no event history", "eventHistory: true");

    EventHistory.open(dir.resolve("history"), Clock.systemUTC()).close();
    Run bad = run("lookup-events", "--history-dir", dir.resolve("history").toString(), "--lookup-attributes",
        "AttributeKey=Colour,AttributeValue=blue");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("InvalidLookupAttributesException");
  }

  @Test
  void historyRebuildIndexesTheBucketsLogFilesAndSkipsThemTheSecondTime() throws Exception {
    Instant now = Instant.now();
    LogFileAssembler file = new LogFileAssembler();
    file.add(record("r-1", "DeleteTable", now.minusSeconds(30)), now.minusSeconds(30));
    String key = new TrailLayout("", "o-a1b2c3d4e5").logFileKey(ACCOUNT, "us-east-1", now, "BBBBBBBBBBBBBBBB");
    try (var store = new io.orgtrail.store.LocalDirectoryStore(dir.resolve("data/bucket"))) {
      store.put(io.orgtrail.store.PutObject.gzipJson(key, file.finish().gzipped()));
    }
    java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("aggregator.yaml"),
        "orgId: o-a1b2c3d4e5\ndataDir: " + dir.resolve("data") + "\neventHistory: true\n");

    Run first = run("history", "rebuild", "--config", config.toString());
    Run second = run("history", "rebuild", "--config", config.toString());
    Run found = run("lookup-events", "--config", config.toString(), "--lookup-attributes",
        "AttributeKey=EventId,AttributeValue=r-1");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("log files seen 1, indexed 1, already indexed 0, events added 1");
    assertThat(second.out()).contains("indexed 0, already indexed 1, events added 0");
    assertThat(found.code()).as(found.err()).isZero();
    assertThat(new ObjectMapper().readTree(found.out()).get("Events")).hasSize(1);
  }
}
