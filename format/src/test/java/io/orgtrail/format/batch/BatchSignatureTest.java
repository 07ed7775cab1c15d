package io.orgtrail.format.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSignatureTest {
  private final KeyPair keys = Ed25519Keys.generate(new SecureRandom());
  private final List<byte[]> events = List.of(
      "{\"eventID\":\"a\"}".getBytes(StandardCharsets.UTF_8), "{\"eventID\":\"b\"}".getBytes(StandardCharsets.UTF_8));

  @Test
  void aSignedBatchVerifiesAndAnyChangeBreaksIt() {
    byte[] sig = new BatchSigner("agt-0123456789abcdef", keys.getPrivate()).sign(7, events);
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdef", 7, events, sig)).isTrue();
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdef", 8, events, sig)).isFalse();
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdee", 7, events, sig)).isFalse();
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdef", 7, List.of(events.get(0)), sig)).isFalse();
    // moving bytes between events must not keep the signature valid (length prefixes)
    List<byte[]> shifted = List.of("{\"eventID\":\"a\"}{".getBytes(StandardCharsets.UTF_8), "\"eventID\":\"b\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdef", 7, shifted, sig)).isFalse();
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdef", 7, events, new byte[64])).isFalse();
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdef", 7, events, new byte[3])).isFalse();
  }

  @Test
  void keysSurviveTheirTextForm() {
    String pub = Ed25519Keys.encode(keys.getPublic());
    String priv = Ed25519Keys.encode(keys.getPrivate());
    byte[] sig = new BatchSigner("agt-0123456789abcdef", Ed25519Keys.privateKey(priv)).sign(1, events);
    assertThat(BatchVerifier.verify(Ed25519Keys.publicKey(pub), "agt-0123456789abcdef", 1, events, sig)).isTrue();
  }

  @Test
  void signaturesAreTheJdkProvidersOwnInBothDirections() throws Exception {
    // Batches signed before the switch to Bouncy Castle sit in spools; both must read each other's signatures.
    byte[] hash = BatchCanonicalForm.sha256("agt-0123456789abcdef", 3, events);
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(keys.getPrivate());
    jdk.update(hash);
    byte[] jdkSignature = jdk.sign();
    byte[] ours = new BatchSigner("agt-0123456789abcdef", keys.getPrivate()).sign(3, events);
    assertThat(ours).isEqualTo(jdkSignature);
    assertThat(BatchVerifier.verify(keys.getPublic(), "agt-0123456789abcdef", 3, events, jdkSignature)).isTrue();
  }

  @Test
  void aKeyOfAnotherAlgorithmNeverVerifies() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    byte[] sig = new BatchSigner("agt-0123456789abcdef", keys.getPrivate()).sign(1, events);
    assertThat(BatchVerifier.verify(ec.getPublic(), "agt-0123456789abcdef", 1, events, sig)).isFalse();
  }
}
