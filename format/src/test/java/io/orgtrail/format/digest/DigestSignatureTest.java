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

  /** The AWS CLI's own validator (awscli from PyPI) accepts our signature and rejects a tampered digest. */
  @Test
  void theAwsCliValidatorAcceptsOurSignatures() throws Exception {
    String signature = DigestSignature.sign(KEYS.getPrivate(), DigestSignature.stringToSign(END, BUCKET, KEY, DIGEST, null));
    String publicKey = Base64.getEncoder().encodeToString(DigestKeys.pkcs1Der((RSAPublicKey) KEYS.getPublic()));
    assertThat(runAwsCliValidator(publicKey, signature, DIGEST)).isEqualTo("valid");
    byte[] tampered = new String(DIGEST, StandardCharsets.UTF_8).replace("[]", "[{}]").getBytes(StandardCharsets.UTF_8);
    assertThat(runAwsCliValidator(publicKey, signature, tampered)).isEqualTo("DigestSignatureError");
  }

  private String runAwsCliValidator(String publicKey, String signature, byte[] inflated) throws IOException, InterruptedException {
    Path digest = dir.resolve("digest.json");
    Files.write(digest, inflated);
    String script = String.join("\n",
        "import sys",
        "try:",
        "    from awscli.customizations.cloudtrail.validation import Sha256RSADigestValidator, DigestSignatureError",
        "except ImportError as e:",
        "    print('awscli is not installed for python3 (pip install awscli): %s' % e); sys.exit(3)",
        "bucket, key, pub, sig, end, path = sys.argv[1:7]",
        "data = {'digestEndTime': end, 'digestS3Bucket': bucket, 'digestS3Object': key, 'previousDigestSignature': None,",
        "        '_signature': sig, 'digestPublicKeyFingerprint': 'x'}",
        "try:",
        "    Sha256RSADigestValidator().validate(bucket, key, pub, data, open(path, 'rb').read())",
        "    print('valid')",
        "except DigestSignatureError:",
        "    print('DigestSignatureError')");
    Process p = new ProcessBuilder(List.of("python3", "-c", script, BUCKET, KEY, publicKey, signature, END, digest.toString()))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
