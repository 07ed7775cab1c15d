package io.orgtrail.aggregator.registry;

import java.security.PublicKey;
import java.time.Instant;

/**
 * An agent the aggregator accepts batches from: the account it may log for and the key its batches are signed
 * with. The account here, never anything in a batch, decides where the agent's events are written.
 */
public record EnrolledAgent(String agentId, String accountId, PublicKey publicKey, Instant enrolledAt) {}
