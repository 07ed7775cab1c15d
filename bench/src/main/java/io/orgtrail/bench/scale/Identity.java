package io.orgtrail.bench.scale;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One simulated agent: its stream number in the run, what enrolment gave it, and the regions its events are in.
 *
 * @param stream 0-based, unique in the run
 * @param privateKey the Ed25519 private key as {@code AgentCredentials} holds it
 */
record Identity(
    @JsonProperty("stream") int stream,
    @JsonProperty("agentId") String agentId,
    @JsonProperty("accountId") String accountId,
    @JsonProperty("privateKey") String privateKey,
    @JsonProperty("regions") List<String> regions) {

  Identity {
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("stream " + stream + " has no region");
    }
  }
}
