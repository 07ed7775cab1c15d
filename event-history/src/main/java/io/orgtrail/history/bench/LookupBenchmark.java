package io.orgtrail.history.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.logfile.LogFileAssembler;
import io.orgtrail.format.record.RecordSplitter;
import io.orgtrail.format.record.SourceRecord;
import io.orgtrail.format.samples.SampleDatasets;
import io.orgtrail.history.AccountScope;
import io.orgtrail.history.AttributeKey;
import io.orgtrail.history.EventHistory;
import io.orgtrail.history.LookupPage;
import io.orgtrail.history.LookupRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Lookup latency over a large history. Builds (or reuses) an index of N events synthesised from the recorded
 * invictus dataset (new eventID, eventTime over the last 89 days, eventName, username, access key and account per
 * event), then times each kind of lookup, first page and fifth page, for the platform and for one account.
 *
 * <pre>java -cp ... io.orgtrail.history.bench.LookupBenchmark [--dir DIR] [--events N] [--repeat R]</pre>
 */
public final class LookupBenchmark {
  private static final int ACCOUNTS = 20;
  private static final int EVENTS_PER_FILE = 10_000;

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path dir = Path.of(opts.getOrDefault("--dir", "target/lookup-benchmark"));
    int events = Integer.parseInt(opts.getOrDefault("--events", "1000000"));
    int repeat = Integer.parseInt(opts.getOrDefault("--repeat", "30"));
    Clock clock = Clock.systemUTC();
    try (EventHistory history = EventHistory.open(dir, clock)) {
      long have = history.eventCount();
      if (have < events) {
        build(history, events - (int) have, clock.instant(), have);
      } else {
        System.out.printf("reusing %s with %,d events%n", history.databaseFile(), have);
      }
      System.out.printf("database size: %,d MB (%s, with -wal)%n", size(history.databaseFile()) / (1 << 20),
          history.databaseFile());
      run(history, repeat);
    }
  }

  private static void build(EventHistory history, int count, Instant now, long seed) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<ObjectNode> templates = templates(json);
    SplittableRandom random = new SplittableRandom(42 + seed);
    TrailLayout layout = new TrailLayout("", "o-a1b2c3d4e5");
    long indexNanos = 0;
    long synthNanos = 0;
    int done = 0;
    int file = 0;
    while (done < count) {
      int n = Math.min(EVENTS_PER_FILE, count - done);
      String account = account(file % ACCOUNTS);
      long t0 = System.nanoTime();
      LogFileAssembler assembler = new LogFileAssembler();
      for (int i = 0; i < n; i++) {
        ObjectNode e = templates.get(random.nextInt(templates.size())).deepCopy();
        Instant time = now.minusSeconds(random.nextLong(Duration.ofDays(89).toSeconds()));
        e.put("eventID", new UUID(random.nextLong(), random.nextLong()).toString());
        e.put("eventTime", time.toString());
        e.put("recipientAccountId", account);
        if (random.nextInt(2) == 0) {
          e.put("eventName", e.path("eventName").asText() + random.nextInt(200));
        }
        JsonNode identity = e.path("userIdentity");
        if (identity instanceof ObjectNode id && "IAMUser".equals(id.path("type").asText())) {
          String user = "user-" + random.nextInt(2000);
          id.put("userName", user);
          id.put("arn", "arn:aws:iam::" + account + ":user/" + user);
          id.put("accessKeyId", String.format("AKIA%016d", random.nextInt(5000)));
        }
        assembler.add(json.writeValueAsBytes(e), time);
      }
      byte[] gz = assembler.finish().gzipped();
      long t1 = System.nanoTime();
      String key = layout.logFileKey(account, "us-east-1", now, String.format("bench%011d", seed + file));
      history.index(key, gz);
      long t2 = System.nanoTime();
      synthNanos += t1 - t0;
      indexNanos += t2 - t1;
      done += n;
      file++;
      if (file % 10 == 0) {
        System.out.printf("indexed %,d / %,d events (%,.0f events/s indexing)%n", done, count,
            done / (indexNanos / 1e9));
      }
    }
    System.out.printf("indexing: %,d events in %d files, %.1f s, %,.0f events/s (synthesis %.1f s not counted)%n",
        count, file, indexNanos / 1e9, count / (indexNanos / 1e9), synthNanos / 1e9);
  }

  private static void run(EventHistory history, int repeat) throws Exception {
    Map<String, LookupRequest.Builder> kinds = new LinkedHashMap<>();
    AccountScope all = AccountScope.all();
    AccountScope one = AccountScope.account(account(3));
    // Values are taken from events that exist, so every lookup has pages to turn.
    String eventId = history.lookup(LookupRequest.builder(all).maxResults(1).build()).events().get(0).eventId();
    Map<AttributeKey, String> values = new LinkedHashMap<>();
    values.put(AttributeKey.EVENT_NAME, "DescribeInstances");
    values.put(AttributeKey.USERNAME, "user-17");
    values.put(AttributeKey.ACCESS_KEY_ID, String.format("AKIA%016d", 17));
    values.put(AttributeKey.EVENT_SOURCE, "ec2.amazonaws.com");
    values.put(AttributeKey.READ_ONLY, "true");
    values.put(AttributeKey.RESOURCE_TYPE, "AWS::KMS::Key");
    values.put(AttributeKey.RESOURCE_NAME, firstResourceName(history));
    values.put(AttributeKey.EVENT_ID, eventId);
    AccountScope five = AccountScope.accounts(java.util.Set.of(account(1), account(3), account(5), account(7),
        account(9)));
    for (AccountScope scope : List.of(all, one, five)) {
      String s = scope.isAll() ? "all" : scope.accountIds().orElseThrow().size() + " account(s)";
      kinds.put("no attribute / " + s, LookupRequest.builder(scope));
      for (var v : values.entrySet()) {
        kinds.put(v.getKey().wireName() + "=" + v.getValue() + " / " + s,
            LookupRequest.builder(scope).attribute(v.getKey(), v.getValue()));
      }
    }
    System.out.printf("%-70s %8s %8s %8s %8s %6s%n", "query (MaxResults 50)", "p1 p50", "p1 p99", "p5 p50",
        "p5 p99", "found");
    for (var kind : kinds.entrySet()) {
      long[] first = new long[repeat];
      long[] fifth = new long[repeat];
      int found = 0;
      for (int r = 0; r < repeat; r++) {
        LookupRequest.Builder b = kind.getValue().nextToken(null).maxResults(50);
        long t0 = System.nanoTime();
        LookupPage page = history.lookup(b.build());
        first[r] = System.nanoTime() - t0;
        found = page.events().size();
        for (int p = 2; p <= 5 && page.nextToken().isPresent(); p++) {
          b.nextToken(page.nextToken().get());
          t0 = System.nanoTime();
          page = history.lookup(b.build());
          if (p == 5) {
            fifth[r] = System.nanoTime() - t0;
          }
        }
      }
      System.out.printf("%-70s %8s %8s %8s %8s %6d%n", kind.getKey(), ms(first, 50), ms(first, 99), ms(fifth, 50),
          ms(fifth, 99), found);
    }
  }

  private static String firstResourceName(EventHistory history) throws Exception {
    LookupPage page = history.lookup(LookupRequest.builder(AccountScope.all())
        .attribute(AttributeKey.RESOURCE_TYPE, "AWS::KMS::Key").maxResults(1).build());
    return page.events().isEmpty() || page.events().get(0).resources().isEmpty() ? "none"
        : page.events().get(0).resources().get(0).resourceName();
  }

  private static String ms(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    if (sorted[sorted.length - 1] == 0) {
      return "-";
    }
    int i = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
    return String.format("%.2fms", sorted[i] / 1e6);
  }

  private static List<ObjectNode> templates(ObjectMapper json) throws Exception {
    Path datasets = SampleDatasets.locate(System.getenv(), Path.of("")).orElseThrow(() ->
        new IllegalStateException("datasets not found: run from the checkout or set " + SampleDatasets.ENV_VAR));
    List<ObjectNode> templates = new ArrayList<>();
    RecordSplitter splitter = new RecordSplitter();
    try (Stream<Path> files = Files.list(datasets.resolve(SampleDatasets.MARKER_FOLDER))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        for (SourceRecord r : splitter.split(Files.readAllBytes(f))) {
          templates.add((ObjectNode) json.readTree(r.json()));
        }
      }
    }
    return templates;
  }

  private static String account(int i) {
    return String.format("%012d", 100000000000L + i);
  }

  private static long size(Path db) throws Exception {
    long total = Files.size(db);
    Path wal = db.resolveSibling(db.getFileName() + "-wal");
    return total + (Files.exists(wal) ? Files.size(wal) : 0);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    return opts;
  }
}
