package io.orgtrail.aggregator.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON form of one registry file, {@code <agentId>.json}. */
record RegistryEntry(
    @JsonProperty("agentId") String agentId,
    @JsonProperty("accountId") String accountId,
    @JsonProperty("publicKey") String publicKey,
    @JsonProperty("enrolledAt") String enrolledAt) {}
