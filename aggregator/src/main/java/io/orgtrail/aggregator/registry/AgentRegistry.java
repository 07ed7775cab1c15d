package io.orgtrail.aggregator.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.files.AtomicFiles;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.format.batch.Ed25519Keys;
import io.orgtrail.format.layout.AccountId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's registry of enrolled agents: one JSON file per agent, {@code <dir>/<agentId>.json}, holding the
 * agent id, the account it is bound to, its Ed25519 public key (base64 X.509) and when it was enrolled.
 *
 * <p>Several processes share the directory ({@code orgtrail admin enroll} writes while the aggregator runs), so
 * entries are written atomically (temp file, fsync, rename) and a lookup that misses the cache reads the agent's
 * file again: a newly enrolled agent is accepted without restarting the aggregator.
 */
public final class AgentRegistry {
  private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final Clock clock;
  private final ConcurrentHashMap<String, EnrolledAgent> cache = new ConcurrentHashMap<>();

  public AgentRegistry(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public Path directory() {
    return dir;
  }

  /**
   * Enrolls a new agent for {@code accountId}: creates its key pair and id, writes the registry entry, and returns
   * the credentials. The caller writes them to the agent's key file ({@link AgentCredentials#write}); the private
   * key is not kept here.
   *
   * @throws IllegalArgumentException when {@code accountId} is not 12 digits
   * @throws IOException when the registry directory cannot be written
   */
  public AgentCredentials enroll(String accountId, SecureRandom random) throws IOException {
    AccountId.require(accountId);
    KeyPair keys = Ed25519Keys.generate(random);
    Files.createDirectories(dir);
    String agentId;
    do {
      byte[] id = new byte[8];
      random.nextBytes(id);
      agentId = "agt-" + HexFormat.of().formatHex(id);
    } while (Files.exists(fileOf(agentId)));
    Instant now = clock.instant();
    String publicKey = Ed25519Keys.encode(keys.getPublic());
    RegistryEntry entry = new RegistryEntry(agentId, accountId, publicKey, now.toString());
    AtomicFiles.write(fileOf(agentId), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
    cache.put(agentId, new EnrolledAgent(agentId, accountId, keys.getPublic(), now));
    log.info("enrolled agent {} for account {} in {}", agentId, accountId, dir);
    return new AgentCredentials(agentId, accountId, publicKey, Ed25519Keys.encode(keys.getPrivate()));
  }

  /**
   * The enrolled agent with this id, or empty. Ids that are not of the form {@code agt-<16 hex>} are never looked
   * up on disk, so a sender cannot steer the lookup to another path.
   */
  public Optional<EnrolledAgent> find(String agentId) {
    if (!AgentCredentials.isAgentId(agentId)) {
      return Optional.empty();
    }
    EnrolledAgent cached = cache.get(agentId);
    if (cached != null) {
      return Optional.of(cached);
    }
    // A miss reads only this agent's file: as good as rescanning the directory for picking up agents enrolled by
    // another process, and a stream of unknown ids costs one failed open each, not a directory listing.
    Optional<EnrolledAgent> read = read(fileOf(agentId));
    read.ifPresent(a -> cache.put(a.agentId(), a));
    return read;
  }

  /** Every enrolled agent, read from the directory (so it includes agents enrolled by other processes). */
  public List<EnrolledAgent> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<EnrolledAgent> agents = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "agt-*" + SUFFIX)) {
      for (Path file : files) {
        read(file).ifPresent(agents::add);
      }
    }
    agents.forEach(a -> cache.put(a.agentId(), a));
    agents.sort(Comparator.comparing(EnrolledAgent::agentId));
    return agents;
  }

  private Path fileOf(String agentId) {
    return dir.resolve(agentId + SUFFIX);
  }

  private Optional<EnrolledAgent> read(Path file) {
    RegistryEntry e;
    try {
      e = JSON.readValue(Files.readAllBytes(file), RegistryEntry.class);
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (IOException ex) {
      log.error("registry entry {} is unreadable and is ignored ({}); re-enroll the agent", file, ex.getMessage());
      return Optional.empty();
    }
    String name = file.getFileName().toString();
    String expectedId = name.substring(0, name.length() - SUFFIX.length());
    try {
      if (!expectedId.equals(e.agentId())) {
        throw new IllegalArgumentException("it names agent '" + e.agentId() + "' but the file is for " + expectedId);
      }
      AccountId.require(e.accountId());
      if (e.publicKey() == null) {
        throw new IllegalArgumentException("it has no publicKey");
      }
      Instant enrolledAt = e.enrolledAt() == null ? Instant.EPOCH : Instant.parse(e.enrolledAt());
      return Optional.of(new EnrolledAgent(e.agentId(), e.accountId(), Ed25519Keys.publicKey(e.publicKey()), enrolledAt));
    } catch (IllegalArgumentException | DateTimeParseException ex) {
      log.error("registry entry {} is invalid and is ignored: {}; re-enroll the agent", file, ex.getMessage());
      return Optional.empty();
    }
  }
}
