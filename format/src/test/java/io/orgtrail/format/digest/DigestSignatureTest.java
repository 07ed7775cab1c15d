package io.orgtrail.format.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestSignatureTest {
  private static final KeyPair KEYS = DigestKeys.generate(new SecureRandom());
  private static final String END = "2024-05-01T11:00:00Z";
  private static final String BUCKET = "org-trail";
  private static final String KEY =
      "AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail-Digest/us-east-1/2024/05/01/"
          + "111122223333_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20240501T110000Z.json.gz";
  private static final byte[] DIGEST = "{\"awsAccountId\":\"111122223333\",\"logFiles\":[]}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void theStringToSignIsCloudTrailsWithNullForTheFirstDigestOfAChain() {
    assertThat(DigestSignature.stringToSign(END, BUCKET, KEY, DIGEST, null))
        .isEqualTo(END + "\n" + BUCKET + "/" + KEY + "\n" + DigestSignature.sha256Hex(DIGEST) + "\nnull");
    assertThat(DigestSignature.stringToSign(END, BUCKET, KEY, DIGEST, "ab12")).endsWith("\nab12");
  }

  @Test
  void aSignatureVerifiesOnlyForTheSameDigestAndKey() {
    String toSign = DigestSignature.stringToSign(END, BUCKET, KEY, DIGEST, null);
    String signature = DigestSignature.sign(KEYS.getPrivate(), toSign);
    assertThat(signature).matches("[0-9a-f]{512}");
    assertThat(DigestSignature.verify(KEYS.getPublic(), toSign, signature)).isTrue();
    assertThat(DigestSignature.verify(KEYS.getPublic(), toSign.replace("11:00", "12:00"), signature)).isFalse();
    assertThat(DigestSignature.verify(DigestKeys.generate(new SecureRandom()).getPublic(), toSign, signature)).isFalse();
    assertThat(DigestSignature.verify(KEYS.getPublic(), toSign, "zz")).isFalse();
  }

  @Test
  void thePublicKeyIsPkcs1DerAndItsFingerprintIs32Hex() {
    RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
    byte[] pkcs1 = DigestKeys.pkcs1Der(key);
    byte[] spki = key.getEncoded();
    // X.509 SubjectPublicKeyInfo wraps the PKCS#1 structure in its BIT STRING: it must end with our bytes.
    byte[] tail = java.util.Arrays.copyOfRange(spki, spki.length - pkcs1.length, spki.length);
    assertThat(tail).isEqualTo(pkcs1);
    assertThat(DigestKeys.fingerprint(key)).matches("[0-9a-f]{32}");
  }

  /** A rendered digest, parsed by the AWS CLI's validator itself (json.loads), verifies; a chained one too. */
  @Test
  void theAwsCliValidatorAcceptsARenderedChainOfDigests() throws Exception {
    String publicKey = Base64.getEncoder().encodeToString(DigestKeys.pkcs1Der((RSAPublicKey) KEYS.getPublic()));
    String fingerprint = DigestKeys.fingerprint((RSAPublicKey) KEYS.getPublic());
    DigestFile first = new DigestFile("111122223333", java.time.Instant.parse("2024-05-01T10:00:00Z"),
        java.time.Instant.parse(END), BUCKET, KEY, fingerprint, java.time.Instant.parse("2024-05-01T10:59:58Z"),
        java.time.Instant.parse("2024-05-01T10:00:03Z"), null,
        List.of(new DigestFile.LogFileEntry(BUCKET, "AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/2024/05/01/f.json.gz",
            DigestSignature.sha256Hex(new byte[] {1}), java.time.Instant.parse("2024-05-01T10:59:58Z"), java.time.Instant.parse("2024-05-01T10:00:03Z"))));
    byte[] firstJson = first.toJson();
    String firstSignature = DigestSignature.sign(KEYS.getPrivate(), DigestSignature.stringToSign(END, BUCKET, KEY, firstJson, null));
    assertThat(runAwsCliValidatorOnFile(publicKey, firstSignature, firstJson)).isEqualTo("valid");
    byte[] tampered = new String(firstJson, StandardCharsets.UTF_8).replace("10:59:58", "10:59:59").getBytes(StandardCharsets.UTF_8);
    assertThat(runAwsCliValidatorOnFile(publicKey, firstSignature, tampered)).isEqualTo("DigestSignatureError");

    String secondKey = KEY.replace("110000Z", "120000Z");
    DigestFile second = new DigestFile("111122223333", java.time.Instant.parse(END), java.time.Instant.parse("2024-05-01T12:00:00Z"),
        BUCKET, secondKey, fingerprint, null, null,
        new DigestFile.PreviousDigest(BUCKET, KEY, DigestSignature.sha256Hex(firstJson), firstSignature), List.of());
    byte[] secondJson = second.toJson();
    String secondSignature = DigestSignature.sign(KEYS.getPrivate(),
        DigestSignature.stringToSign("2024-05-01T12:00:00Z", BUCKET, secondKey, secondJson, firstSignature));
    assertThat(runAwsCliValidatorOnFile(publicKey, secondSignature, secondJson)).isEqualTo("valid");
    assertThat(new String(secondJson, StandardCharsets.UTF_8))
        .contains("\"previousDigestHashAlgorithm\":\"SHA-256\"", "\"logFiles\":[]", "\"newestEventTime\":null");
  }

  private String runAwsCliValidatorOnFile(String publicKey, String signature, byte[] inflated) throws IOException, InterruptedException {
    Path digest = dir.resolve("rendered.json");
    Files.write(digest, inflated);
    String script = String.join("\n",
        "import sys, json",
        "try:",
        "    from awscli.customizations.cloudtrail.validation import Sha256RSADigestValidator, DigestSignatureError",
        "except ImportError as e:",
        "    print('awscli is not installed for python3 (pip install awscli): %s' % e); sys.exit(3)",
        "pub, sig, path = sys.argv[1:4]",
        "raw = open(path, 'rb').read()",
        "data = json.loads(raw.decode())",
        "data['_signature'] = sig",
        "try:",
        "    Sha256RSADigestValidator().validate(data['digestS3Bucket'], data['digestS3Object'], pub, data, raw)",
        "    print('valid')",
        "except DigestSignatureError:",
        "    print('DigestSignatureError')");
    Process p = new ProcessBuilder(List.of("python3", "-c", script, publicKey, signature, digest.toString()))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
