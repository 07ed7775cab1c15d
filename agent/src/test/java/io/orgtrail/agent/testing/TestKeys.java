package io.orgtrail.agent.testing;

import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.Ed25519Keys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;

/** Agent key files for tests, as {@code orgtrail admin enroll} writes them. */
public final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  public static AgentCredentials create(String agentHex16, String account) {
    KeyPair pair = Ed25519Keys.generate(RANDOM);
    return new AgentCredentials("agt-" + agentHex16, account, Ed25519Keys.encode(pair.getPublic()),
        Ed25519Keys.encode(pair.getPrivate()));
  }

  public static AgentCredentials write(Path file, String agentHex16, String account) throws IOException {
    AgentCredentials c = create(agentHex16, account);
    c.write(file);
    return c;
  }
}
