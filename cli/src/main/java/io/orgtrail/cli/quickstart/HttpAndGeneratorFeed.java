package io.orgtrail.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.cli.UserFacingException;
import io.orgtrail.cli.datasets.RecordedDatasets;
import io.orgtrail.format.record.InvalidFileException;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sends a dataset through the agent's PutAuditEvents endpoint, and lets its generator add events in three regions. */
final class HttpAndGeneratorFeed implements Feed {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

  private final String account;
  private final RecordedDatasets datasets;
  private final String folder;
  private final long generated;

  HttpAndGeneratorFeed(String account, RecordedDatasets datasets, String folder, long generated) {
    this.account = account;
    this.datasets = datasets;
    this.folder = folder;
    this.generated = generated;
  }

  @Override
  public String account() {
    return account;
  }

  @Override
  public String describe() {
    return "PutAuditEvents HTTP endpoint <- " + folder + " (JSON lines), generator <- " + generated
        + " events in " + String.join(", ", REGIONS);
  }

  @Override
  public void configure(AgentConfig.Builder config, Path agentDir) {
    config.httpListen("127.0.0.1", 0);
    if (generated > 0) {
      config.generator(new GeneratorSettings(2000, generated, REGIONS));
    }
  }

  @Override
  public void feed(Agent agent) throws IOException, InterruptedException {
    List<byte[]> events = new ArrayList<>();
    for (Path file : datasets.files(folder)) {
      try {
        for (SourceRecord r : new RecordSplitter().split(datasets.rewrite(file, account).content())) {
          events.add(r.json());
        }
      } catch (InvalidFileException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + agent.httpPort() + "/PutAuditEvents?channelArn=quickstart");
    for (int from = 0; from < events.size(); from += 100) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("auditEvents");
      for (int i = from; i < Math.min(events.size(), from + 100); i++) {
        list.addObject().put("id", "event-" + i).put("eventData", new String(events.get(i), StandardCharsets.UTF_8));
      }
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200 || answer.path("failed").size() > 0) {
        throw new UserFacingException("PutAuditEvents on the quickstart agent answered " + response.statusCode() + ": " + response.body());
      }
    }
  }

  @Override
  public boolean sourcesDrained(AgentStats stats) {
    return generated == 0 || stats.generatorDone();
  }
}
