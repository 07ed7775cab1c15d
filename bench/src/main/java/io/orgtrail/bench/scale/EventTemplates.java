package io.orgtrail.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.bench.micro.EventSample;
import io.orgtrail.bench.micro.RecordedEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real recorded CloudTrail events (the Invictus dataset, as the micro-benchmarks use) turned into templates that a
 * simulated agent stamps with its own account, region, eventID and eventTime: the rest of each record (identity,
 * request, response, about 1.2 KB) is the recorded event's, with the dataset's account id replaced by the agent's
 * wherever it occurs (ARNs, userIdentity), so a record reads as that account's.
 *
 * <p>Making a record is a few array copies, so that the simulators, which share the machine with the aggregator,
 * spend little CPU on it.
 */
final class EventTemplates {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STAMPED = List.of("eventID", "eventTime", "awsRegion", "recipientAccountId");
  private static final byte[] ID_OPEN = bytes("{\"eventID\":\"");
  private static final byte[] TIME_OPEN = bytes("\",\"eventTime\":\"");
  private static final byte[] REGION_OPEN = bytes("\",\"awsRegion\":\"");
  private static final byte[] ACCOUNT_OPEN = bytes("\",\"recipientAccountId\":\"");

  /** A record without its stamped fields: what follows them, and where the dataset's account id is in it. */
  private record Template(byte[] rest, int[] accountAt) {}

  private final List<Template> templates;

  private EventTemplates(List<Template> templates) {
    this.templates = templates;
  }

  /** The templates of {@code datasets}' Invictus folder. */
  static EventTemplates fromDatasets(Path datasets) {
    RecordedEvents events = RecordedEvents.load(datasets);
    EventSample all = events.all();
    return of(all.records(), events.account());
  }

  /** Templates of {@code records}, all of {@code account} (12 digits), which is replaced by each agent's own. */
  static EventTemplates of(List<byte[]> records, String account) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records to make templates of");
    }
    byte[] accountBytes = bytes(account);
    List<Template> templates = new ArrayList<>(records.size());
    for (byte[] record : records) {
      ObjectNode tree;
      try {
        tree = (ObjectNode) JSON.readTree(record);
      } catch (IOException | ClassCastException e) {
        throw new IllegalArgumentException("a dataset record is not a JSON object: " + e.getMessage(), e);
      }
      STAMPED.forEach(tree::remove);
      byte[] json;
      try {
        json = JSON.writeValueAsBytes(tree);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Drop the opening brace: the stamped fields come first, then a comma and this (or just the closing brace).
      byte[] rest = new byte[json.length - 1 + (tree.isEmpty() ? 0 : 1)];
      if (tree.isEmpty()) {
        rest[0] = '}';
      } else {
        rest[0] = ',';
        System.arraycopy(json, 1, rest, 1, json.length - 1);
      }
      templates.add(new Template(rest, occurrences(rest, accountBytes)));
    }
    return new EventTemplates(List.copyOf(templates));
  }

  int size() {
    return templates.size();
  }

  /**
   * Record {@code template} (modulo the count) as {@code account}'s, in {@code region}.
   *
   * @param account the agent's 12-digit account id, ASCII
   */
  byte[] record(int template, String eventId, String eventTime, String region, byte[] account) {
    if (account.length != 12) {
      throw new IllegalArgumentException("an account id has 12 digits, not " + account.length);
    }
    Template t = templates.get(Math.floorMod(template, templates.size()));
    byte[] id = bytes(eventId);
    byte[] time = bytes(eventTime);
    byte[] where = bytes(region);
    int length = ID_OPEN.length + id.length + TIME_OPEN.length + time.length + REGION_OPEN.length + where.length
        + ACCOUNT_OPEN.length + account.length + 1 + t.rest().length;
    byte[] out = new byte[length];
    int at = put(out, 0, ID_OPEN);
    at = put(out, at, id);
    at = put(out, at, TIME_OPEN);
    at = put(out, at, time);
    at = put(out, at, REGION_OPEN);
    at = put(out, at, where);
    at = put(out, at, ACCOUNT_OPEN);
    at = put(out, at, account);
    out[at++] = '"';
    int restAt = at;
    put(out, at, t.rest());
    for (int a : t.accountAt()) {
      System.arraycopy(account, 0, out, restAt + a, account.length);
    }
    return out;
  }

  private static int put(byte[] out, int at, byte[] part) {
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  private static int[] occurrences(byte[] in, byte[] what) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i + what.length <= in.length; i++) {
      int j = 0;
      while (j < what.length && in[i + j] == what[j]) {
        j++;
      }
      if (j == what.length) {
        found.add(i);
        i += what.length - 1;
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
