package io.orgtrail.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.PutObject;
import io.orgtrail.testkit.Datasets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventHistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TrailLayout LAYOUT = new TrailLayout("", "o-a1b2c3d4e5");
  /** Every invictus record is from 2023-07-10, delivered for this account. */
  private static final String ACCOUNT = "123837392027";
  private static final String OTHER_ACCOUNT = "111122223333";
  private static final Instant NOW = Instant.parse("2023-07-11T00:00:00Z");

  private static List<byte[]> invictus;

  @TempDir Path dir;
  private MutableClock clock;
  private EventHistory history;
  private int files;

  @BeforeAll
  static void loadDataset() throws Exception {
    invictus = new ArrayList<>();
    RecordSplitter splitter = new RecordSplitter();
    for (Path f : Datasets.invictusFiles()) {
      for (SourceRecord r : splitter.split(Files.readAllBytes(f))) {
        invictus.add(r.json());
      }
    }
  }

  @BeforeEach
  void open() throws Exception {
    clock = new MutableClock(NOW);
    history = EventHistory.open(dir.resolve("history"), clock);
  }

  @AfterEach
  void close() {
    history.close();
  }

  @Test
  void eachAttributeFindsExactlyTheMatchingEvents() throws Exception {
    history.index(key(ACCOUNT), logFile(invictus));
    JsonNode first = tree(invictus.get(0));
    String userName = invictus.stream().map(EventHistoryTest::tree)
        .filter(r -> r.path("userIdentity").path("type").asText().equals("IAMUser"))
        .map(r -> r.path("userIdentity").path("userName").asText()).findFirst().orElseThrow();
    JsonNode withResource = invictus.stream().map(EventHistoryTest::tree)
        .filter(r -> r.path("resources").path(0).has("type") && r.path("resources").path(0).has("ARN"))
        .findFirst().orElseThrow();
    String accessKey = invictus.stream().map(EventHistoryTest::tree)
        .map(r -> r.path("userIdentity").path("accessKeyId").asText(""))
        .filter(s -> !s.isEmpty()).findFirst().orElseThrow();

    check(AttributeKey.EVENT_NAME, first.path("eventName").asText(),
        r -> r.path("eventName").asText().equals(first.path("eventName").asText()));
    check(AttributeKey.EVENT_SOURCE, "iam.amazonaws.com",
        r -> r.path("eventSource").asText().equals("iam.amazonaws.com"));
    check(AttributeKey.READ_ONLY, "false", r -> r.path("readOnly").isBoolean() && !r.path("readOnly").asBoolean());
    check(AttributeKey.ACCESS_KEY_ID, accessKey,
        r -> r.path("userIdentity").path("accessKeyId").asText().equals(accessKey));
    check(AttributeKey.USERNAME, userName,
        r -> r.path("userIdentity").path("type").asText().equals("IAMUser")
            && r.path("userIdentity").path("userName").asText().equals(userName));
    String type = withResource.path("resources").path(0).path("type").asText();
    String arn = withResource.path("resources").path(0).path("ARN").asText();
    check(AttributeKey.RESOURCE_TYPE, type, r -> hasResource(r, "type", type));
    check(AttributeKey.RESOURCE_NAME, arn, r -> hasResource(r, "ARN", arn));
    check(AttributeKey.EVENT_ID, first.path("eventID").asText(),
        r -> r.path("eventID").asText().equals(first.path("eventID").asText()));
  }

  @Test
  void anEventIsReturnedAsLookupEventsDescribesIt() throws Exception {
    history.index(key(ACCOUNT), logFile(invictus));
    byte[] raw = invictus.stream().filter(r -> tree(r).path("resources").size() > 0).findFirst().orElseThrow();
    JsonNode record = tree(raw);
    HistoryEvent e = only(LookupRequest.builder(AccountScope.all())
        .attribute(AttributeKey.EVENT_ID, record.path("eventID").asText()).build());
    assertThat(e.cloudTrailEvent()).isEqualTo(new String(raw, StandardCharsets.UTF_8));
    assertThat(e.accountId()).isEqualTo(ACCOUNT);
    assertThat(e.eventName()).isEqualTo(record.path("eventName").asText());
    assertThat(e.eventSource()).isEqualTo(record.path("eventSource").asText());
    assertThat(e.eventTime()).isEqualTo(Instant.parse(record.path("eventTime").asText()));
    assertThat(e.readOnly()).isEqualTo(record.path("readOnly").asText());
    assertThat(e.resources()).hasSize(record.path("resources").size());
    assertThat(e.resources().get(0).resourceName()).isEqualTo(record.path("resources").path(0).path("ARN").textValue());
  }

  @Test
  void usernameFollowsTheEventHistoryRules() throws Exception {
    List<byte[]> records = new ArrayList<>();
    records.add(withIdentity(0, "{\"type\":\"AssumedRole\",\"principalId\":\"AROAX:alice\","
        + "\"arn\":\"arn:aws:sts::123837392027:assumed-role/Admin/alice\"}"));
    records.add(withIdentity(1, "{\"type\":\"Root\",\"principalId\":\"123837392027\","
        + "\"arn\":\"arn:aws:iam::123837392027:root\"}"));
    records.add(withIdentity(2, "{\"type\":\"AWSService\",\"invokedBy\":\"cloudtrail.amazonaws.com\"}"));
    records.add(withIdentity(3, "{\"type\":\"FederatedUser\",\"principalId\":\"123837392027:bob\"}"));
    history.index(key(ACCOUNT), logFile(records));
    for (String name : List.of("alice", "root", "cloudtrail.amazonaws.com", "123837392027:bob")) {
      assertThat(only(LookupRequest.builder(AccountScope.all()).attribute(AttributeKey.USERNAME, name).build())
          .username()).isEqualTo(name);
    }
  }

  @Test
  void pagesCoverEveryEventOnceNewestFirst() throws Exception {
    history.index(key(ACCOUNT), logFile(invictus));
    List<HistoryEvent> all = pageAll(LookupRequest.builder(AccountScope.all()).maxResults(37));
    Set<String> expected = invictus.stream().map(r -> tree(r).path("eventID").asText()).collect(Collectors.toSet());
    assertThat(all).extracting(HistoryEvent::eventId).doesNotHaveDuplicates();
    assertThat(all).extracting(HistoryEvent::eventId).containsExactlyInAnyOrderElementsOf(expected);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).eventTime()).isBeforeOrEqualTo(all.get(i - 1).eventTime());
    }
  }

  @Test
  void timeRangeIsInclusive() throws Exception {
    history.index(key(ACCOUNT), logFile(invictus));
    Instant start = Instant.parse("2023-07-10T12:00:00Z");
    Instant end = Instant.parse("2023-07-10T12:30:00Z");
    List<HistoryEvent> found = pageAll(LookupRequest.builder(AccountScope.all()).startTime(start).endTime(end));
    long expected = invictus.stream().map(r -> Instant.parse(tree(r).path("eventTime").asText()))
        .filter(t -> !t.isBefore(start) && !t.isAfter(end)).count();
    assertThat(expected).isPositive();
    assertThat(found).hasSize((int) expected);
    assertThat(found).allSatisfy(e -> assertThat(e.eventTime()).isBetween(start, end));
  }

  @Test
  void aTokenIsRefusedForAnotherFilter() throws Exception {
    history.index(key(ACCOUNT), logFile(invictus));
    LookupPage page = history.lookup(LookupRequest.builder(AccountScope.all())
        .attribute(AttributeKey.READ_ONLY, "true").maxResults(5).build());
    String token = page.nextToken().orElseThrow();
    assertThatThrownBy(() -> history.lookup(LookupRequest.builder(AccountScope.all())
        .attribute(AttributeKey.READ_ONLY, "false").nextToken(token).build()))
        .isInstanceOfSatisfying(LookupException.class,
            e -> assertThat(e.errorCode()).isEqualTo("InvalidNextTokenException"))
        .hasMessageContaining("different lookup");
    assertThatThrownBy(() -> history.lookup(LookupRequest.builder(AccountScope.account(ACCOUNT))
        .attribute(AttributeKey.READ_ONLY, "true").nextToken(token).build()))
        .isInstanceOf(LookupException.class).hasMessageContaining("different lookup");
    assertThatThrownBy(() -> history.lookup(LookupRequest.builder(AccountScope.all()).nextToken("%%garbage").build()))
        .isInstanceOfSatisfying(LookupException.class,
            e -> assertThat(e.error()).isEqualTo(LookupError.INVALID_NEXT_TOKEN));
  }

  @Test
  void aMemberSeesOnlyItsAccount() throws Exception {
    List<byte[]> mine = invictus.subList(0, 1000);
    List<byte[]> theirs = invictus.subList(1000, invictus.size());
    history.index(key(ACCOUNT), logFile(mine));
    // The key's account wins over the records' recipientAccountId (which still says ACCOUNT).
    IndexResult other = history.index(key(OTHER_ACCOUNT), logFile(theirs));
    assertThat(other.accountMismatches()).isEqualTo(theirs.size());

    List<HistoryEvent> seen = pageAll(LookupRequest.builder(AccountScope.account(OTHER_ACCOUNT)));
    assertThat(seen).hasSize(theirs.size()).allSatisfy(e -> assertThat(e.accountId()).isEqualTo(OTHER_ACCOUNT));
    String foreignId = tree(mine.get(0)).path("eventID").asText();
    assertThat(history.lookup(LookupRequest.builder(AccountScope.account(OTHER_ACCOUNT))
        .attribute(AttributeKey.EVENT_ID, foreignId).build()).events()).isEmpty();
    assertThat(pageAll(LookupRequest.builder(AccountScope.accounts(Set.of(ACCOUNT, OTHER_ACCOUNT)))
        .maxResults(50))).hasSize(invictus.size());
    assertThat(history.lookup(LookupRequest.builder(AccountScope.accounts(Set.of())).build()).events()).isEmpty();
  }

  @Test
  void dataEventsAreNotKept() throws Exception {
    List<byte[]> otrf = new ArrayList<>();
    for (String line : Files.readAllLines(Datasets.otrfFiles().get(0))) {
      ObjectNode r = (ObjectNode) JSON.readTree(line);
      r.put("eventTime", "2023-07-10T10:00:00Z"); // the OTRF export keeps the time only in @timestamp
      otrf.add(JSON.writeValueAsBytes(r));
    }
    long data = otrf.stream().map(EventHistoryTest::tree)
        .filter(r -> r.path("eventCategory").asText().equals("Data")).count();
    assertThat(data).isPositive();
    IndexResult result = history.index(key(ACCOUNT), logFile(otrf));
    assertThat(result.notManagement()).isEqualTo((int) data);
    assertThat(result.added()).isEqualTo(otrf.size() - (int) data);
    assertThat(history.lookup(LookupRequest.builder(AccountScope.all())
        .attribute(AttributeKey.EVENT_NAME, "GetObject").build()).events()).isEmpty();
  }

  @Test
  void indexingIsIdempotent() throws Exception {
    String key = key(ACCOUNT);
    byte[] file = logFile(invictus);
    assertThat(history.index(key, file).added()).isEqualTo(invictus.size());
    assertThat(history.index(key, file).alreadyIndexed()).isTrue();
    IndexResult again = history.index(key(ACCOUNT), file);
    assertThat(again.added()).isZero();
    assertThat(again.duplicates()).isEqualTo(invictus.size());
    assertThat(history.eventCount()).isEqualTo(invictus.size());
  }

  @Test
  void oldEventsAreSkippedAndPruned() throws Exception {
    history.index(key(ACCOUNT), logFile(invictus));
    clock.advance(Duration.ofDays(89));
    assertThat(history.prune().eventsDeleted()).isZero();
    // the dataset's events run from about 11:45 to 13:00 on 2023-07-10: cut in the middle of them
    Instant cutoff = Instant.parse("2023-07-10T12:15:00Z");
    clock.advance(Duration.between(clock.instant(), cutoff.plus(EventHistory.RETENTION)));
    PruneResult pruned = history.prune();
    assertThat(pruned.cutoff()).isEqualTo(cutoff);
    long old = invictus.stream().map(r -> Instant.parse(tree(r).path("eventTime").asText()))
        .filter(t -> t.isBefore(clock.instant().minus(EventHistory.RETENTION))).count();
    assertThat(old).isPositive().isLessThan(invictus.size());
    assertThat(pruned.eventsDeleted()).isEqualTo(old);
    assertThat(history.eventCount()).isEqualTo(invictus.size() - old);
    assertThat(pageAll(LookupRequest.builder(AccountScope.all()))).hasSize((int) (invictus.size() - old));
    IndexResult late = history.index(key(OTHER_ACCOUNT), logFile(invictus));
    assertThat(late.expired()).isEqualTo((int) old);
  }

  @Test
  void rebuildIndexesTheBucketAndSkipsACorruptFile() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("bucket"));
    store.put(PutObject.gzipJson(key(ACCOUNT), logFile(invictus.subList(0, 1500))));
    store.put(PutObject.gzipJson(key(ACCOUNT), logFile(invictus.subList(1500, invictus.size()))));
    String corrupt = key(ACCOUNT);
    store.put(PutObject.gzipJson(corrupt, "not gzip at all".getBytes(StandardCharsets.US_ASCII)));
    store.put(PutObject.gzipJson(LAYOUT.digestPrefix(ACCOUNT, "us-east-1") + "2023/07/10/digest.json.gz",
        "not a log file".getBytes(StandardCharsets.US_ASCII)));
    List<String> progress = new ArrayList<>();

    RebuildReport report = history.rebuild(store, "AWSLogs/", progress::add, 1);
    assertThat(report.logFilesSeen()).isEqualTo(3);
    assertThat(report.indexed()).isEqualTo(2);
    assertThat(report.eventsAdded()).isEqualTo(invictus.size());
    assertThat(report.failures()).singleElement().satisfies(f -> {
      assertThat(f.objectKey()).isEqualTo(corrupt);
      assertThat(f.reason()).contains("gzip");
    });
    assertThat(progress).anyMatch(line -> line.contains(corrupt)).anyMatch(line -> line.startsWith("done: 3/3"));

    RebuildReport second = history.rebuild(store, "AWSLogs/", line -> {});
    assertThat(second.alreadyIndexed()).isEqualTo(2);
    assertThat(second.eventsAdded()).isZero();
    assertThat(history.eventCount()).isEqualTo(invictus.size());
  }

  @Test
  void wrongRequestsGetCloudTrailErrors() {
    assertError(LookupRequest.builder(AccountScope.all()).attribute("EventNam", "x").build(),
        LookupError.INVALID_LOOKUP_ATTRIBUTES, "unknown lookup attribute key 'EventNam'");
    assertError(LookupRequest.builder(AccountScope.all()).attribute(AttributeKey.EVENT_NAME, "x".repeat(2001)).build(),
        LookupError.INVALID_LOOKUP_ATTRIBUTES, "2001 characters");
    assertError(LookupRequest.builder(AccountScope.all()).attribute(AttributeKey.EVENT_NAME, "a")
        .attribute(AttributeKey.USERNAME, "b").build(), LookupError.INVALID_LOOKUP_ATTRIBUTES, "at most one");
    assertError(LookupRequest.builder(AccountScope.all()).startTime(NOW).endTime(NOW.minusSeconds(1)).build(),
        LookupError.INVALID_TIME_RANGE, "is after EndTime");
    assertError(LookupRequest.builder(AccountScope.all()).maxResults(51).build(),
        LookupError.INVALID_MAX_RESULTS, "between 1 and 50, but was 51");
    assertError(LookupRequest.builder(AccountScope.all()).maxResults(0).build(),
        LookupError.INVALID_MAX_RESULTS, "but was 0");
  }

  @Test
  void aCorruptFileIsRefusedWithItsKey() {
    String key = key(ACCOUNT);
    assertThatThrownBy(() -> history.index(key, new byte[] {31, (byte) 139, 8, 0}))
        .isInstanceOf(UnreadableLogFileException.class).hasMessageContaining(key);
  }

  private void assertError(LookupRequest request, LookupError error, String message) {
    assertThatThrownBy(() -> history.lookup(request))
        .isInstanceOfSatisfying(LookupException.class, e -> assertThat(e.error()).isEqualTo(error))
        .hasMessageContaining(message);
  }

  private void check(AttributeKey key, String value, Predicate<JsonNode> matches) throws Exception {
    Set<String> expected = invictus.stream().map(EventHistoryTest::tree).filter(matches)
        .map(r -> r.path("eventID").asText()).collect(Collectors.toSet());
    assertThat(expected).as("dataset events with %s=%s", key, value).isNotEmpty();
    List<HistoryEvent> found = pageAll(LookupRequest.builder(AccountScope.all()).attribute(key, value).maxResults(20));
    assertThat(found).as("%s=%s", key, value).extracting(HistoryEvent::eventId)
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  private List<HistoryEvent> pageAll(LookupRequest.Builder request) throws Exception {
    List<HistoryEvent> all = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    LookupPage page = history.lookup(request.build());
    all.addAll(page.events());
    while (page.nextToken().isPresent()) {
      assertThat(tokens.add(page.nextToken().get())).as("a token is never repeated").isTrue();
      page = history.lookup(request.nextToken(page.nextToken().get()).build());
      all.addAll(page.events());
    }
    request.nextToken(null);
    return all;
  }

  private HistoryEvent only(LookupRequest request) throws Exception {
    List<HistoryEvent> events = history.lookup(request).events();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static boolean hasResource(JsonNode record, String field, String value) {
    for (JsonNode r : record.path("resources")) {
      if (r.path(field).asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] withIdentity(int i, String identity) throws Exception {
    ObjectNode r = (ObjectNode) JSON.readTree(invictus.get(i));
    r.set("userIdentity", JSON.readTree(identity));
    return JSON.writeValueAsBytes(r);
  }

  private String key(String account) {
    return LAYOUT.logFileKey(account, "us-east-1", NOW, String.format("testfile%08d", files++));
  }

  private static byte[] logFile(List<byte[]> records) {
    LogFileAssembler assembler = new LogFileAssembler();
    for (byte[] r : records) {
      assembler.add(r, Instant.parse(tree(r).path("eventTime").asText()));
    }
    return assembler.finish().gzipped();
  }

  private static JsonNode tree(byte[] record) {
    try {
      return JSON.readTree(record);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
