package io.orgtrail.aggregator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.BatchVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRegistryTest {
  private static final Instant NOW = Instant.parse("2024-06-01T08:30:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final SecureRandom random = new SecureRandom();

  @TempDir Path dir;

  @Test
  void enrollWritesAnEntryAndReturnsCredentialsThatSignVerifiableBatches() throws Exception {
    AgentRegistry registry = new AgentRegistry(dir.resolve("registry"), clock);
    AgentCredentials c = registry.enroll("111122223333", random);

    assertThat(c.agentId()).matches("agt-[0-9a-f]{16}");
    assertThat(c.accountId()).isEqualTo("111122223333");
    JsonNode entry = new ObjectMapper().readTree(dir.resolve("registry").resolve(c.agentId() + ".json").toFile());
    assertThat(entry.get("agentId").asText()).isEqualTo(c.agentId());
    assertThat(entry.get("accountId").asText()).isEqualTo("111122223333");
    assertThat(entry.get("publicKey").asText()).isEqualTo(c.publicKey());
    assertThat(entry.get("enrolledAt").asText()).isEqualTo("2024-06-01T08:30:00Z");
    assertThat(entry.has("privateKey")).as("the registry never holds private keys").isFalse();
    try (var files = Files.list(dir.resolve("registry"))) {
      assertThat(files).as("no temp files left behind").hasSize(1);
    }

    EnrolledAgent found = registry.find(c.agentId()).orElseThrow();
    assertThat(found.accountId()).isEqualTo("111122223333");
    assertThat(found.enrolledAt()).isEqualTo(NOW);
    List<byte[]> events = List.of("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(BatchVerifier.verify(found.publicKey(), c.agentId(), 1, events, c.signer().sign(1, events))).isTrue();
  }

  @Test
  void anInvalidAccountIsRefusedWithAClearMessage() {
    AgentRegistry registry = new AgentRegistry(dir, clock);
    for (String bad : new String[] {"12345", "1234567890123", "11112222333x", "", "../../etc"}) {
      assertThatThrownBy(() -> registry.enroll(bad, random))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("12 digits");
    }
  }

  @Test
  void anAgentEnrolledByAnotherProcessIsFoundWithoutRestart() throws Exception {
    AgentRegistry aggregatorView = new AgentRegistry(dir, clock);
    assertThat(aggregatorView.find("agt-0123456789abcdef")).isEmpty();
    AgentCredentials c = new AgentRegistry(dir, clock).enroll("444455556666", random); // the CLI, elsewhere
    assertThat(aggregatorView.find(c.agentId())).map(EnrolledAgent::accountId).contains("444455556666");
  }

  @Test
  void idsThatAreNotAgentIdsAreNeverLookedUpOnDisk() throws Exception {
    AgentRegistry registry = new AgentRegistry(dir.resolve("registry"), clock);
    AgentCredentials c = registry.enroll("444455556666", random);
    // A file outside the registry shaped like an entry must not be reachable through a crafted id.
    Files.copy(dir.resolve("registry").resolve(c.agentId() + ".json"), dir.resolve("evil.json"));
    AgentRegistry fresh = new AgentRegistry(dir.resolve("registry"), clock);
    assertThat(fresh.find("../evil")).isEmpty();
    assertThat(fresh.find("")).isEmpty();
    assertThat(fresh.find(null)).isEmpty();
    assertThat(fresh.find(c.agentId().toUpperCase())).isEmpty();
  }

  @Test
  void listReturnsEveryValidEntryAndSkipsBrokenOnes() throws Exception {
    AgentRegistry registry = new AgentRegistry(dir, clock);
    AgentCredentials a = registry.enroll("111111111111", random);
    AgentCredentials b = registry.enroll("222222222222", random);
    Files.writeString(dir.resolve("agt-00000000000000ff.json"), "{not json");
    Files.writeString(dir.resolve("agt-00000000000000fe.json"),
        "{\"agentId\":\"agt-0000000000000001\",\"accountId\":\"111111111111\",\"publicKey\":\"" + a.publicKey() + "\"}");

    List<EnrolledAgent> agents = new AgentRegistry(dir, clock).list();
    assertThat(agents).extracting(EnrolledAgent::agentId)
        .containsExactlyInAnyOrder(a.agentId(), b.agentId())
        .isSorted();
    assertThat(new AgentRegistry(dir.resolve("missing"), clock).list()).isEmpty();
  }
}
