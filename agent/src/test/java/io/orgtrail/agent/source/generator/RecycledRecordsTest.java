package io.orgtrail.agent.source.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.ids.RandomUuids;
import io.orgtrail.format.record.RecordRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecycledRecordsTest {
  private static final String ACCOUNT = "444455556666";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void copiesCarryTheirOwnTimeAndIdsAndPassTheRules() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    RecycledRecords records =
        new RecycledRecords(new GeneratedRecords(ACCOUNT, random, new RandomUuids(random)), random);
    Instant start = Instant.parse("2024-05-06T07:08:09.500Z");
    RecordRules rules = new RecordRules();
    Set<String> eventIds = new HashSet<>();
    Set<String> requestIds = new HashSet<>();
    Set<String> distinctBodies = new HashSet<>();
    int count = RecycledRecords.POOL_SIZE * 8;
    for (int i = 0; i < count; i++) {
      Instant time = start.plusSeconds(i / 100);
      byte[] record = records.next(time, "eu-west-1");
      rules.check(record, ACCOUNT);
      ObjectNode r = (ObjectNode) JSON.readTree(record);
      assertThat(r.get("eventTime").asText()).isEqualTo(time.toString().substring(0, 19) + "Z");
      JsonNode created = r.at("/userIdentity/sessionContext/attributes/creationDate");
      if (!created.isMissingNode()) {
        assertThat(created.asText()).isEqualTo(r.get("eventTime").asText());
      }
      assertThat(r.get("awsRegion").asText()).isEqualTo("eu-west-1");
      String eventId = r.get("eventID").asText();
      String requestId = r.get("requestID").asText();
      assertThat(UUID.fromString(eventId).toString()).isEqualTo(eventId);
      assertThat(UUID.fromString(eventId).version()).isEqualTo(4);
      assertThat(UUID.fromString(requestId).variant()).isEqualTo(2);
      eventIds.add(eventId);
      requestIds.add(requestId);
      r.remove(List.of("eventID", "requestID", "eventTime", "userIdentity"));
      distinctBodies.add(r.toString());
    }
    assertThat(eventIds).hasSize(count);
    assertThat(requestIds).hasSize(count);
    // The pool is refreshed as it goes: far more distinct records than the pool holds.
    assertThat(distinctBodies.size()).isGreaterThan(RecycledRecords.POOL_SIZE * 3 / 2);
  }

  @Test
  void writesUuidsAsUuidToStringDoes() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 1000; i++) {
      long msb = random.nextLong();
      long lsb = random.nextLong();
      byte[] text = new byte[40];
      RecycledRecords.writeUuid(text, 2, msb, lsb);
      UUID expected = new UUID((msb & ~0xF000L) | 0x4000L, (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
      assertThat(new String(text, 2, 36, StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }
  }
}
