package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.orgtrail.agent.Agent;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.cloudtrailapi.CloudTrailApiServer;
import io.orgtrail.cloudtrailapi.TrailDescription;
import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.DigestSignature;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.SigningKeyRing;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.integrity.LogValidator;
import io.orgtrail.integrity.ProblemKind;
import io.orgtrail.integrity.ValidationReport;
import io.orgtrail.integrity.ValidationRequest;
import io.orgtrail.integrity.Witnesses;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.testkit.Await;
import io.orgtrail.testkit.MinioExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log file integrity against a real MinIO: agents, aggregator and digests of several one-second periods; the AWS
 * CLI's own {@code validate-logs} (through the aggregator's CloudTrail-compatible API) and ours both find every
 * digest and log file valid; then each tampering is detected by ours, and by the AWS CLI where it can see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrityEndToEndTest {
  static final String A = "111111111111";
  static final String C = "333333333333";
  static final String BUCKET = "org-trail";
  static final TrailName TRAIL = new TrailName("org-trail", "us-east-1", "999999999999");
  private static final Pattern RATIO = Pattern.compile("(\\d+)/(\\d+) (digest|log) files valid");

  @RegisterExtension static MinioExtension minio = new MinioExtension();
  private Path dir;

  private MinioStore store;
  private MinioClient client;
  private Instant start;
  private Instant end;
  private List<PublicKeyInfo> keys;
  private List<ChainHead> witnesses;
  private CloudTrailApiServer api;
  private AwsCli aws;
  /** The chain the tamper cases work on, oldest digest first, and what to put back after each case. */
  private List<String> digests;
  private final Map<String, Original> originals = new HashMap<>();
  private final List<String> added = new ArrayList<>();

  record Original(byte[] content, Map<String, String> metadata) {}

  @BeforeAll
  void deliverSeveralPeriodsThenValidateWithTheAwsCliWhileTheAggregatorRuns(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    store = MinioStore.builder().endpoint(minio.server().endpoint())
        .credentials(minio.server().accessKey(), minio.server().secretKey()).bucket(BUCKET).region("us-east-1").build();
    client = minio.server().newClient();
    start = Instant.now().minusSeconds(60);
    try (OrgCluster cluster = new OrgCluster(dir, store, Duration.ofSeconds(1),
        b -> b.digestPeriod(Duration.ofSeconds(1)).trail(TRAIL).api("127.0.0.1", 0))) {
      Agent a = cluster.startAgent(A, b -> b.generator(new GeneratorSettings(150, 600, List.of("us-east-1", "eu-west-1"))));
      Agent c = cluster.startAgent(C, b -> b.generator(new GeneratorSettings(100, 300, List.of("us-east-1"))));
      Await.until(Duration.ofSeconds(60),
          () -> a.stats().generatorDone() && c.stats().generatorDone() && cluster.allAcknowledged(),
          () -> "every generated event acknowledged (A " + a.stats() + ", C " + c.stats() + ")");
      long digestsNow = cluster.aggregator().stats().digestsWritten();
      Await.until(Duration.ofSeconds(20), () -> cluster.aggregator().stats().digestsWritten() >= digestsNow + 6,
          () -> "two more periods of digests");
      aws = new AwsCli(cluster.aggregator().apiEndpoint().orElseThrow(), minio.server().endpoint(),
          minio.server().accessKey(), minio.server().secretKey(), dir);
      for (String[] chain : new String[][] {{A, "us-east-1"}, {A, "eu-west-1"}, {C, "us-east-1"}}) {
        AwsCli.Result r = aws.validateLogs(TRAIL.arn(), chain[0], chain[1], start, Instant.now());
        assertThat(r.exitCode()).as("aws cloudtrail validate-logs for %s/%s:%n%s", chain[0], chain[1], r.all()).isZero();
        assertThat(ratios(r.stdout())).as(r.all()).containsKeys("digest", "log").allSatisfy((kind, valid) -> assertThat(valid).isPositive());
        assertThat(r.all()).doesNotContain("INVALID");
      }
      witnessesOf(cluster, a);
    }
    end = Instant.now().plusSeconds(5);
    keys = SigningKeyRing.load(dir.resolve("aggregator/state/digest-keys.json")).publicKeys();
    // The aggregator is stopped: serve its trail and keys to the AWS CLI the way it would.
    api = CloudTrailApiServer.builder().trail(new TrailDescription(TRAIL, BUCKET, "", OrgCluster.ORG))
        .publicKeys(() -> keys).build().start();
    aws = new AwsCli(api.endpoint(), minio.server().endpoint(), minio.server().accessKey(), minio.server().secretKey(), dir);
    digests = store.list(new TrailLayout("", OrgCluster.ORG).digestPrefix(A, "us-east-1")).stream()
        .map(ObjectInfo::key).sorted().toList();
    assertThat(digests).hasSizeGreaterThanOrEqualTo(6);
  }

  private void witnessesOf(OrgCluster cluster, Agent a) throws Exception {
    Path witnessDir = cluster.stateDirOf(a).resolve("witness");
    Await.until(Duration.ofSeconds(5), () -> a.stats().chainHeadsKept() > 0, () -> "agent A keeps chain heads");
    witnesses = Witnesses.read(witnessDir);
    assertThat(witnesses).extracting(ChainHead::accountId).containsOnly(A);
  }

  @AfterEach
  void restore() throws Exception {
    for (var e : originals.entrySet()) {
      put(e.getKey(), e.getValue().content(), e.getValue().metadata());
    }
    originals.clear();
    for (String key : added) {
      client.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
    }
    added.clear();
  }

  @AfterAll
  void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void untouchedEverythingIsValidForOursAndForTheAwsCli() throws Exception {
    ValidationReport report = ours(true);
    assertThat(report.errors()).isEmpty();
    assertThat(report.counts().digests()).isGreaterThan(digests.size());
    assertThat(report.chains()).hasSize(3);
    AwsCli.Result r = awsValidate();
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(ratios(r.stdout()).get("digest")).isEqualTo(digests.size());
  }

  @Test
  void aChangedLogFileIsDetected() throws Exception {
    String log = listedLogFile();
    byte[] json = gunzip(saveOriginal(log));
    put(log, gzip(new String(json, StandardCharsets.UTF_8).replaceFirst("\"eventName\":\"[A-Za-z]+\"",
        "\"eventName\":\"Tampered\"").getBytes(StandardCharsets.UTF_8)), Map.of());
    assertDetected(ProblemKind.LOG_FILE_INVALID, log, "hash value doesn't match");
  }

  @Test
  void aDeletedLogFileIsDetected() throws Exception {
    String log = listedLogFile();
    saveOriginal(log);
    remove(log);
    assertDetected(ProblemKind.LOG_FILE_MISSING, log, log + "\tINVALID: not found");
  }

  @Test
  void anAddedLogFileThatNoDigestListsIsDetectedByOursOnly() throws Exception {
    String log = listedLogFile();
    // Keys carry the delivery minute only, and a file named for the minute in which the newest digest ends may
    // simply wait for the next digest (the trail ran for seconds, all in that minute). So the forged file is dated a
    // minute before a listed one: a time the digests cover without listing it, or from before the chain's first
    // digest. Either way it is an error naming it.
    Matcher minute = Pattern.compile("_(\\d{8}T\\d{4}Z)_").matcher(log);
    assertThat(minute.find()).as(log).isTrue();
    Instant listedAt = LocalDateTime.parse(minute.group(1), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'"))
        .toInstant(ZoneOffset.UTC);
    String forged = new TrailLayout("", OrgCluster.ORG).logFileKey(A, "us-east-1", listedAt.minusSeconds(60),
        "FORGEDFORGED0001");
    added.add(forged);
    put(forged, gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)), Map.of());
    ValidationReport report = ours(false);
    assertThat(report.errors()).as(report.problems().toString())
        .anyMatch(p -> p.key().equals(forged)
            && (p.kind() == ProblemKind.LOG_FILE_UNLISTED || p.kind() == ProblemKind.LOG_FILE_NOT_COVERED));
    assertThat(awsValidate().exitCode()).as("the AWS CLI cannot see added log files").isZero();
  }

  @Test
  void aLogFileCopiedToAnotherKeyIsDetectedByOursOnly() throws Exception {
    String log = listedLogFile();
    String copy = log.replaceFirst("_[A-Za-z0-9]{16}\\.json\\.gz$", "_COPIEDCOPIED0001.json.gz");
    added.add(copy);
    client.copyObject(CopyObjectArgs.builder().bucket(BUCKET).object(copy)
        .source(CopySource.builder().bucket(BUCKET).object(log).build()).build());
    assertThat(ours(false).problems(ProblemKind.LOG_FILE_COPIED)).extracting(p -> p.key()).contains(copy);
    assertThat(awsValidate().exitCode()).isZero();
  }

  @Test
  void aChangedDigestIsDetected() throws Exception {
    String digest = middleDigest();
    Original o = originalOf(digest);
    String json = new String(gunzip(o.content()), StandardCharsets.UTF_8);
    String changed = json.replaceFirst("\"previousDigestHashValue\":\"([0-9a-f])",
        "\"previousDigestHashValue\":\"" + (json.contains("\"previousDigestHashValue\":\"0") ? "1" : "0"));
    assertThat(changed).isNotEqualTo(json);
    put(digest, gzip(changed.getBytes(StandardCharsets.UTF_8)), o.metadata());
    assertDetected(ProblemKind.DIGEST_INVALID, digest, "signature verification failed");
  }

  @Test
  void aDigestDeletedInTheMiddleOfTheChainIsDetected() throws Exception {
    String digest = middleDigest();
    originalOf(digest);
    remove(digest);
    assertDetected(ProblemKind.DIGEST_MISSING, digest, digest + "\tINVALID: not found");
  }

  @Test
  void twoConsecutiveDeletedDigestsAreBothReportedByOurs() throws Exception {
    int i = digests.size() / 2;
    String newer = digests.get(i);
    String older = digests.get(i - 1);
    originalOf(newer);
    originalOf(older);
    remove(newer);
    remove(older);
    ValidationReport report = ours(false);
    assertThat(report.problems(ProblemKind.DIGEST_MISSING)).extracting(p -> p.key()).contains(newer);
    assertThat(report.problems(ProblemKind.DIGEST_MISSING).size()).as(report.problems().toString()).isGreaterThanOrEqualTo(2);
    AwsCli.Result r = awsValidate();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains(newer + "\tINVALID: not found");
  }

  @Test
  void aDigestReSignedWithAnotherKeyIsDetected() throws Exception {
    String digest = middleDigest();
    Original o = originalOf(digest);
    SigningKeyRing forger = SigningKeyRing.loadOrCreate(dir.resolve("forger.json"), Clock.systemUTC(), new SecureRandom());
    String json = new String(gunzip(o.content()), StandardCharsets.UTF_8)
        .replaceFirst("\"digestPublicKeyFingerprint\":\"[0-9a-f]{32}\"",
            "\"digestPublicKeyFingerprint\":\"" + forger.active().fingerprint() + "\"");
    byte[] forged = json.getBytes(StandardCharsets.UTF_8);
    String end = json.replaceFirst("(?s).*\"digestEndTime\":\"([^\"]+)\".*", "$1");
    String previous = json.replaceFirst("(?s).*\"previousDigestSignature\":\"([0-9a-f]+)\".*", "$1");
    String signature = DigestSignature.sign(forger.active().privateKey(),
        DigestSignature.stringToSign(end, BUCKET, digest, forged, previous));
    put(digest, gzip(forged), Map.of("signature", signature, "signature-algorithm", "SHA256withRSA"));
    assertDetected(ProblemKind.DIGEST_INVALID, digest, "public key not found");
  }

  @Test
  void anAlteredSignatureMetadataValueIsDetected() throws Exception {
    String digest = middleDigest();
    Original o = originalOf(digest);
    String signature = o.metadata().get("signature");
    String altered = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);
    put(digest, o.content(), Map.of("signature", altered, "signature-algorithm", "SHA256withRSA"));
    assertDetected(ProblemKind.DIGEST_INVALID, digest, "signature verification failed");
  }

  @Test
  void deletingTheNewestDigestsIsSeenOnlyWithTheAgentsWitnesses() throws Exception {
    ChainHead head = witnesses.stream().filter(h -> h.region().equals("us-east-1")).findFirst().orElseThrow();
    int at = digests.indexOf(head.digestS3Object());
    assertThat(at).as("the witnessed digest is in the bucket").isGreaterThanOrEqualTo(2);
    for (String d : digests.subList(at - 1, digests.size())) {
      originalOf(d);
      remove(d);
    }
    assertThat(ours(false).problems(ProblemKind.CHAIN_TRUNCATED)).as("without witnesses the tail cut is invisible").isEmpty();
    assertThat(awsValidate().exitCode()).as("and the AWS CLI cannot see it either").isZero();
    ValidationReport withWitnesses = ours(true);
    assertThat(withWitnesses.problems(ProblemKind.CHAIN_TRUNCATED)).isNotEmpty();
    assertThat(withWitnesses.isClean()).isFalse();
  }

  // --- helpers ---

  private void assertDetected(ProblemKind kind, String key, String awsCliSays) throws Exception {
    ValidationReport report = ours(false);
    assertThat(report.problems(kind)).as(report.problems().toString()).extracting(p -> p.key()).contains(key);
    assertThat(report.isClean()).isFalse();
    AwsCli.Result r = awsValidate();
    assertThat(r.exitCode()).as(r.all()).isNotZero();
    assertThat(r.stderr()).contains(awsCliSays);
  }

  private ValidationReport ours(boolean withWitnesses) {
    return LogValidator.builder().store(store).layout(new TrailLayout("", OrgCluster.ORG)).trail(TRAIL)
        .publicKeys(keys).witnesses(withWitnesses ? witnesses : List.of()).build()
        .validate(new ValidationRequest(Set.of(A, C), Set.of(), start, end));
  }

  private AwsCli.Result awsValidate() throws Exception {
    return aws.validateLogs(TRAIL.arn(), A, "us-east-1", start, end);
  }

  private static Map<String, Integer> ratios(String out) {
    Map<String, Integer> valid = new HashMap<>();
    Matcher m = RATIO.matcher(out);
    while (m.find()) {
      valid.put(m.group(3), Integer.parseInt(m.group(1)));
    }
    return valid;
  }

  private String middleDigest() {
    return digests.get(digests.size() / 2);
  }

  /** A log file listed by a digest in the middle of the chain. */
  private String listedLogFile() throws Exception {
    for (int i = digests.size() / 2; i >= 0; i--) {
      Matcher m = Pattern.compile("\"s3Object\":\"([^\"]+)\"").matcher(new String(gunzip(get(digests.get(i))), StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no digest of the first half lists a log file");
  }

  private byte[] saveOriginal(String key) throws Exception {
    return originalOf(key).content();
  }

  private Original originalOf(String key) throws Exception {
    StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(BUCKET).object(key).build());
    Map<String, String> metadata = new HashMap<>(stat.userMetadata());
    Original o = new Original(get(key), metadata);
    originals.putIfAbsent(key, o);
    return o;
  }

  private byte[] get(String key) throws Exception {
    try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
      return in.readAllBytes();
    }
  }

  private void put(String key, byte[] content, Map<String, String> metadata) throws Exception {
    client.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key)
        .stream(new ByteArrayInputStream(content), content.length, -1)
        .contentType("application/json").userMetadata(metadata).build());
  }

  private void remove(String key) throws Exception {
    client.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
  }

  private static byte[] gunzip(byte[] gz) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }
}
