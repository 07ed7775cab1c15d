package io.orgtrail.cli.quickstart;

import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.aggregator.Aggregator;
import io.orgtrail.aggregator.AggregatorConfig;
import io.orgtrail.aggregator.registry.AgentRegistry;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.UserFacingException;
import io.orgtrail.cli.config.Durations;
import io.orgtrail.cli.datasets.RecordedDatasets;
import io.orgtrail.cli.inventory.DeliveredLogs;
import io.orgtrail.cli.inventory.Inventory;
import io.orgtrail.cli.validate.PrintedValidation;
import io.orgtrail.format.batch.AgentCredentials;
import io.orgtrail.cli.admin.PublicKeyExport;
import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.SigningKeyRing;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.integrity.ValidationPrinter;
import io.orgtrail.integrity.ValidationRequest;
import io.orgtrail.store.LocalDirectoryStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import io.orgtrail.history.EventHistory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole system on this machine in one process: an aggregator on the embedded local store and three "
          + "enrolled agents for three accounts, one per source kind (watched directory of CloudTrail log files, "
          + "watched directory of JSON arrays, PutAuditEvents HTTP endpoint plus the event generator).",
      "Feeds them the recorded events in the repository's datasets/ (rewritten to each agent's account) and generated "
          + "events, waits until everything is delivered, reads the delivered log files back and prints what "
          + "landed where. Exit code 0 when every accepted event was delivered exactly once under its own prefix."
    })
public final class QuickstartCommand implements Callable<Integer> {
  static final String ORG_ID = "o-a1b2c3d4e5";
  static final TrailName TRAIL = new TrailName("org-trail", "us-east-1", "999999999999");

  @Spec CommandSpec spec;

  @Option(names = "--dir", description = "Working directory (wiped at start if it is an earlier quickstart's). Default ./orgtrail-quickstart.")
  Path dir = Path.of("orgtrail-quickstart");

  @Option(names = "--datasets", description = "The recorded datasets directory. Default: ORGTRAIL_DATASETS, else datasets/ (or shared/datasets) found above the current directory.")
  Path datasets;

  @Option(names = "--generate", description = "How many events the generator adds for the third account. Default 1000.")
  long generate = 1000;

  @Option(names = "--roll-interval", description = "Log file roll interval for this demo. Default 2s (CloudTrail: 5m).")
  String rollInterval = "2s";

  @Option(names = "--digest-period", description = "Digest period for this demo. Default 2s (CloudTrail: 1h).")
  String digestPeriod = "2s";

  @Option(names = "--timeout", description = "Give up when delivery takes longer than this. Default 120s.")
  String timeout = "120s";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Duration roll = Durations.parse(rollInterval, "--roll-interval");
    Duration digests = Durations.parse(digestPeriod, "--digest-period");
    Duration limit = Durations.parse(timeout, "--timeout");
    Path root = RecordedDatasets.locate(datasets, System.getenv(), Path.of("")).orElseThrow(() -> new UserFacingException(
        "the recorded datasets were not found: pass --datasets DIR or set ORGTRAIL_DATASETS (the repository carries them in datasets/)"));
    Workspace ws = Workspace.prepare(dir);
    out.printf("orgtrail quickstart: working in %s%n", ws.root().toAbsolutePath());

    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<Feed> feeds = Feed.plan(new RecordedDatasets(root), generate);
    ReadAccessDemo readAccess = ReadAccessDemo.prepare(ws.root().resolve("pki"), ORG_ID, feeds.get(0).account(),
        feeds.get(1).account(), clock);
    Path historyDir = ws.root().resolve("aggregator/event-history");
    try (LocalDirectoryStore store = new LocalDirectoryStore(ws.bucket());
        EventHistory history = EventHistory.open(historyDir, clock)) {
      AggregatorConfig cfg = AggregatorConfig.builder()
          .listenHost("127.0.0.1")
          .port(0)
          .orgId(ORG_ID)
          .rollInterval(roll)
          .stateDir(ws.root().resolve("aggregator/state"))
          .registryDir(ws.root().resolve("aggregator/registry"))
          .trail(TRAIL)
          .digestPeriod(digests)
          .access(readAccess.accessSettings())
          .build();
      Aggregator aggregator = Aggregator.builder().config(cfg).store(store).clock(clock).random(random)
          .eventHistory(history).build();
      aggregator.start();
      out.printf("  aggregator on 127.0.0.1:%d, org %s, local store %s, roll interval %s, a digest every %s%n",
          aggregator.port(), ORG_ID, ws.bucket(), rollInterval, digestPeriod);

      List<Agent> agents = new ArrayList<>();
      try {
        for (Feed feed : feeds) {
          AgentCredentials credentials = aggregator.registry().enroll(feed.account(), random);
          Path agentDir = ws.root().resolve("agents").resolve(feed.account());
          Path keyFile = agentDir.resolve("agent-key.json");
          credentials.write(keyFile);
          AgentConfig.Builder b = AgentConfig.builder()
              .keyFile(keyFile)
              .aggregator("127.0.0.1:" + aggregator.port())
              .stateDir(agentDir.resolve("state"))
              .maxBatchDelay(Duration.ofMillis(300))
              .pollInterval(Duration.ofMillis(200));
          feed.configure(b, agentDir);
          Agent agent = Agent.builder().config(b.build()).clock(clock).random(random).build();
          agent.start();
          agents.add(agent);
          out.printf("  agent %s for account %s: %s%n", credentials.agentId(), feed.account(), feed.describe());
        }
        for (int i = 0; i < feeds.size(); i++) {
          feeds.get(i).feed(agents.get(i));
        }
        out.flush();
        awaitDelivery(feeds, agents, limit, clock);
        // The first digests end the first period: then a member admin sees both kinds of file.
        awaitFirstDigests(aggregator, digests.multipliedBy(3).plusSeconds(1));
        readAccess.run(aggregator.accessPort().orElseThrow());
      } finally {
        for (Agent a : agents) {
          a.close();
        }
        aggregator.close();
      }
      long accepted = 0;
      long refusedAtIntake = 0;
      long refusedByAggregator = 0;
      long filteredAtAgents = 0;
      long filteredByAggregator = 0;
      for (Agent a : agents) {
        AgentStats s = a.stats();
        accepted += s.eventsAccepted();
        refusedAtIntake += s.eventsRejectedAtIntake();
        refusedByAggregator += s.eventsRejectedByAggregator();
        filteredAtAgents += s.eventsFiltered();
        filteredByAggregator += s.eventsFilteredByAggregator();
      }
      Inventory inventory = new DeliveredLogs().read(store, "AWSLogs/");
      boolean ok = new QuickstartReport(inventory, accepted, refusedAtIntake, refusedByAggregator, filteredAtAgents,
          filteredByAggregator, ws).print(out);
      ok &= readAccess.print(out);
      ok &= validate(store, ws, cfg, startedAt, out);
      ok &= new HistoryDemo(history, historyDir).print(out);
      return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /**
   * The integrity check an auditor would run: exports the public digest keys next to the data, then validates
   * every chain and log file with the agents' witnesses, and prints the command that does the same.
   */
  private boolean validate(LocalDirectoryStore store, Workspace ws, AggregatorConfig cfg, Instant start, PrintWriter out)
      throws Exception {
    Path keysDir = ws.root().resolve("public-keys");
    List<PublicKeyInfo> keys = SigningKeyRing.load(cfg.digestKeyFile()).publicKeys();
    PublicKeyExport.write(keys, keysDir);
    List<Path> witnessDirs;
    try (var agents = Files.list(ws.root().resolve("agents"))) {
      witnessDirs = agents.sorted().map(a -> a.resolve("state/witness").toAbsolutePath()).filter(Files::isDirectory)
          .toList();
    }
    List<ChainHead> heads = PrintedValidation.witnesses(witnessDirs);
    StringBuilder witnessFlags = new StringBuilder();
    witnessDirs.forEach(w -> witnessFlags.append(" --witness ").append(w));
    Instant end = Instant.now();
    out.printf("%nValidating the log files against the signed digests (public keys exported to %s):%n", keysDir.toAbsolutePath());
    out.printf("  orgtrail validate-logs --store-dir %s --org-id %s --trail-arn %s --public-keys %s "
        + "--start-time %s%s%n%n", ws.bucket().toAbsolutePath(), ORG_ID, TRAIL.arn(),
        keysDir.toAbsolutePath().resolve(PublicKeyExport.KEY_SET_FILE), start, witnessFlags);
    out.flush();
    // picocli's writer is the process's stdout; the printer writes there directly, after what was flushed above.
    return PrintedValidation.run(store, new TrailLayout(cfg.keyPrefix(), ORG_ID), TRAIL, keys, heads,
        ValidationRequest.all(start, end), ValidationPrinter.builder().build());
  }

  private static void awaitFirstDigests(Aggregator aggregator, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (aggregator.stats().digestsWritten() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private void awaitDelivery(List<Feed> feeds, List<Agent> agents, Duration limit, Clock clock) throws InterruptedException {
    var err = spec.commandLine().getErr();
    long deadline = clock.millis() + limit.toMillis();
    long lastPrint = 0;
    while (true) {
      long acked = 0;
      long accepted = 0;
      boolean done = true;
      for (int i = 0; i < agents.size(); i++) {
        AgentStats s = agents.get(i).stats();
        acked += s.eventsAcknowledged() + s.eventsRejectedByAggregator();
        accepted += s.eventsAccepted();
        done &= feeds.get(i).sourcesDrained(s) && s.pendingEvents() == 0;
      }
      if (done && acked >= accepted) {
        err.printf("  delivered: %,d of %,d accepted events acknowledged as durable%n", acked, accepted);
        return;
      }
      long now = clock.millis();
      if (now > deadline) {
        throw new UserFacingException(String.format(
            "delivery did not finish within %s (%,d of %,d events acknowledged); see the log lines above for the cause",
            timeout, acked, accepted));
      }
      if (now - lastPrint >= 1000) {
        err.printf("  waiting for delivery: %,d of %,d accepted events acknowledged%n", acked, accepted);
        err.flush();
        lastPrint = now;
      }
      Thread.sleep(100);
    }
  }

  /** The quickstart's directory: wiped only when an earlier quickstart made it. */
  record Workspace(Path root) {
    static final String MARKER = ".orgtrail-quickstart";

    static Workspace prepare(Path root) throws java.io.IOException {
      if (Files.exists(root)) {
        boolean ours = Files.exists(root.resolve(MARKER));
        boolean empty;
        try (var s = Files.list(root)) {
          empty = s.findAny().isEmpty();
        }
        if (!ours && !empty) {
          throw new UserFacingException(root.toAbsolutePath()
              + " exists and was not made by the quickstart; choose another --dir or remove it");
        }
        try (var walk = Files.walk(root)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(root);
      Files.writeString(root.resolve(MARKER), "made by orgtrail quickstart; safe to delete\n");
      return new Workspace(root);
    }

    Path bucket() {
      return root.resolve("bucket");
    }
  }

}
