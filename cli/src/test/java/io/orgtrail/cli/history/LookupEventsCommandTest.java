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
}
