package io.orgtrail.format.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The digest signing keys, kept in one JSON file that the operator controls (owner-only permissions): the active
 * RSA-2048 key pair, and the public half of every key used before, each with its validity window and fingerprint.
 * Rotating retires the active key (its private half is dropped: nothing may sign with it again) and makes a new
 * one active. The file is replaced atomically, so a running aggregator can re-read it at any moment.
 */
public final class SigningKeyRing {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The key that signs new digests. */
  public record SigningKey(String fingerprint, PrivateKey privateKey, RSAPublicKey publicKey) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  private record Entry(
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("publicKey") String publicKey,
      @JsonProperty("privateKey") String privateKey,
      @JsonProperty("validFrom") String validFrom,
      @JsonProperty("validUntil") String validUntil) {}

  private record FileContent(@JsonProperty("keys") List<Entry> keys) {}

  private final Path file;
  private final List<Entry> entries;

  private SigningKeyRing(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  /** Reads the key file, or creates it with one new key when it does not exist yet. */
  public static SigningKeyRing loadOrCreate(Path file, Clock clock, SecureRandom random) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    SigningKeyRing ring = new SigningKeyRing(file, List.of(newEntry(clock.instant(), random)));
    ring.write();
    return ring;
  }

  public static SigningKeyRing load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("digest key file " + file + " does not exist; the aggregator creates it on its first "
          + "start, or create it with: orgtrail admin digest-keys rotate --keys " + file);
    }
    FileContent content;
    try {
      content = JSON.readValue(file.toFile(), FileContent.class);
    } catch (IOException e) {
      throw new IOException("digest key file " + file + " is not a valid orgtrail digest key file: "
          + e.getMessage(), e);
    }
    List<Entry> entries = content == null || content.keys() == null ? List.of() : content.keys();
    SigningKeyRing ring = new SigningKeyRing(file, entries);
    ring.check();
    return ring;
  }

  /** Retires the active key now and makes a newly generated key active; writes the file. */
  public SigningKeyRing rotate(Clock clock, SecureRandom random) throws IOException {
    Instant now = clock.instant();
    List<Entry> next = new ArrayList<>();
    for (Entry e : entries) {
      next.add(e.validUntil() == null
          ? new Entry(e.fingerprint(), e.publicKey(), null, e.validFrom(), now.toString())
          : e);
    }
    next.add(newEntry(now, random));
    SigningKeyRing ring = new SigningKeyRing(file, next);
    ring.write();
    return ring;
  }

  public Path file() {
    return file;
  }

  public SigningKey active() {
    Entry e = entries.get(entries.size() - 1);
    try {
      PrivateKey privateKey = KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(e.privateKey())));
      return new SigningKey(e.fingerprint(), privateKey, info(e).publicKey());
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      throw new IllegalStateException("the active key in digest key file " + file + " cannot be read: "
          + ex.getMessage() + "; restore the file from a backup or rotate to a new key", ex);
    }
  }

  /** Every key ever used, oldest first, with its validity window. */
  public List<PublicKeyInfo> publicKeys() {
    return entries.stream().map(SigningKeyRing::info).toList();
  }

  private static PublicKeyInfo info(Entry e) {
    return new PublicKeyInfo(
        e.fingerprint(),
        Base64.getDecoder().decode(e.publicKey()),
        Instant.parse(e.validFrom()),
        e.validUntil() == null ? null : Instant.parse(e.validUntil()));
  }

  private void check() throws IOException {
    if (entries.isEmpty()) {
      throw new IOException("digest key file " + file + " lists no keys; move it away and let the aggregator "
          + "create a new one, or restore it from a backup");
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      boolean last = i == entries.size() - 1;
      try {
        PublicKeyInfo k = info(e);
        if (!DigestKeys.fingerprint(k.publicKey()).equals(e.fingerprint())) {
          throw new IllegalArgumentException("its fingerprint does not match its public key");
        }
        if (last && (e.privateKey() == null || e.validUntil() != null)) {
          throw new IllegalArgumentException("the newest key must be active: have a privateKey and no validUntil");
        }
      } catch (RuntimeException ex) {
        throw new IOException("digest key file " + file + ": key " + (i + 1) + " (" + e.fingerprint()
            + ") is not valid: " + ex.getMessage(), ex);
      }
    }
    active();
  }

  private void write() throws IOException {
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new FileContent(entries)),
        PosixFilePermissions.fromString("rw-------"));
  }

  private static Entry newEntry(Instant now, SecureRandom random) {
    KeyPair pair = DigestKeys.generate(random);
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    return new Entry(
        DigestKeys.fingerprint(pub),
        Base64.getEncoder().encodeToString(DigestKeys.pkcs1Der(pub)),
        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
        now.toString(),
        null);
  }
}
