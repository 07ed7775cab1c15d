package io.orgtrail.format.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.orgtrail.format.files.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.regex.Pattern;

/**
 * What an enrolled agent holds: its id, the account it is bound to, and its Ed25519 key pair. Written by
 * {@code orgtrail admin enroll} as a JSON file readable only by its owner.
 */
public record AgentCredentials(
    @JsonProperty("agentId") String agentId,
    @JsonProperty("accountId") String accountId,
    @JsonProperty("publicKey") String publicKey,
    @JsonProperty("privateKey") String privateKey) {

  private static final Pattern AGENT_ID = Pattern.compile("agt-[0-9a-f]{16}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public static boolean isAgentId(String s) {
    return s != null && AGENT_ID.matcher(s).matches();
  }

  public PrivateKey signingKey() {
    return Ed25519Keys.privateKey(privateKey);
  }

  public PublicKey verifyingKey() {
    return Ed25519Keys.publicKey(publicKey);
  }

  public BatchSigner signer() {
    return new BatchSigner(agentId, signingKey());
  }

  public static AgentCredentials read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "agent key file " + file + " does not exist; create it with: orgtrail admin enroll --account <id> --out " + file);
    }
    AgentCredentials c;
    try {
      c = JSON.readValue(file.toFile(), AgentCredentials.class);
    } catch (IOException e) {
      throw new IOException("agent key file " + file + " is not a valid orgtrail key file: " + e.getMessage(), e);
    }
    if (!isAgentId(c.agentId()) || c.accountId() == null || c.privateKey() == null) {
      throw new IOException("agent key file " + file + " lacks agentId, accountId or privateKey");
    }
    return c;
  }

  /** Writes the key file atomically, readable by its owner only. */
  public void write(Path file) throws IOException {
    AtomicFiles.write(
        file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this), PosixFilePermissions.fromString("rw-------"));
  }

}
