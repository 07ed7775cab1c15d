package io.orgtrail.cli.agent;

import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.config.Durations;
import io.orgtrail.cli.config.HostPort;
import io.orgtrail.cli.config.YamlFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an agent for one member account: takes CloudTrail records from its sources (a watched directory, a "
          + "PutAuditEvents-compatible HTTP endpoint, a generator), checks them, batches and signs them, and streams "
          + "them to the aggregator until each batch is acknowledged.",
      "Settings come from --config (YAML); flags override it. Needs a key file from 'orgtrail admin enroll'."
    })
public final class AgentCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(AgentCommand.class);

  @Option(names = "--config", description = "YAML configuration file (see README, 'Configuration').")
  Path config;

  @Option(names = "--key-file", description = "The agent's key file from 'orgtrail admin enroll' (required).")
  Path keyFile;

  @Option(names = "--aggregator", description = "The aggregator's host:port. Default 127.0.0.1:7700.")
  String aggregator;

  @Option(names = "--state-dir", description = "Where the agent keeps its sequence numbers and finished-file list. Default ./orgtrail-agent-state.")
  Path stateDir;

  @Option(names = "--watch-dir", description = "Directory of CloudTrail log files, JSON arrays or JSON lines (.json, .json.gz, .jsonl, .ndjson) to ship; each file is read once.")
  Path watchDir;

  @Option(names = "--http-listen", description = "host:port for the PutAuditEvents-compatible HTTP endpoint, e.g. 127.0.0.1:7801.")
  String httpListen;

  @Option(names = "--generate-rate", description = "Generate realistic events at this many per second.")
  Double generateRate;

  @Option(names = "--generate-count", description = "Stop generating after this many events (0 = never). Default 0.")
  Long generateCount;

  @Option(names = "--generate-regions", split = ",", description = "Regions for generated events. Default us-east-1,eu-west-1.")
  List<String> generateRegions;

  @Option(names = "--batch-max-events", description = "Close a batch at this many events. Default 500.")
  Integer batchMaxEvents;

  @Option(names = "--batch-max-bytes", description = "Close a batch at this many bytes. Default 1048576.")
  Integer batchMaxBytes;

  @Option(names = "--batch-max-delay", description = "Close a batch after this long. Default 1s.")
  String batchMaxDelay;

  @Option(names = "--spool-max-bytes", description = "Size bound of the disk spool; when full, sources are refused "
      + "(HTTP 503) or paused until acknowledgements free space. Default 1073741824 (1 GiB).")
  Long spoolMaxBytes;

  @Option(names = "--spool-fsync", description = "'batch' (fsync before every source acknowledgement; the default) "
      + "or an interval such as 100ms (group commit).")
  String spoolFsync;

  @Option(names = "--stats-interval", description = "How often the delivery state (accepted, acknowledged, spool, ack "
      + "latency) is logged, e.g. 10s; 0s turns it off. Default 1m.")
  String statsInterval;

  @Option(names = "--metrics-listen", description = "host:port serving /metrics (Prometheus), /healthz and /readyz "
      + "(ready: connected to the aggregator, spool not full), e.g. 127.0.0.1:9465. Default: no endpoint.")
  String metricsListen;

  @Override
  public Integer call() throws Exception {
    AgentConfig cfg = toConfig(YamlFiles.read(config, AgentSettings.class, AgentSettings.EMPTY));
    Agent agent = Agent.builder().config(cfg).clock(Clock.systemUTC()).random(new SecureRandom()).build();
    agent.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        agent.close();
      } catch (Exception e) {
        log.error("error while stopping: {}", e.toString());
      } finally {
        stopped.countDown();
      }
    }, "orgtrail-agent-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  AgentConfig toConfig(AgentSettings file) {
    AgentSettings.Sources sources = file.sources() == null ? AgentSettings.Sources.EMPTY : file.sources();
    AgentSettings.Batch batch = file.batch() == null ? AgentSettings.Batch.EMPTY : file.batch();
    Path key = YamlFiles.pick(keyFile, file.keyFile() == null ? null : Path.of(file.keyFile()));
    if (key == null) {
      throw new IllegalArgumentException(
          "--key-file (or keyFile in the config file) is required; create one with: orgtrail admin enroll --account <id> --registry-dir <dir> --out <file>");
    }
    String target = YamlFiles.pick(aggregator, file.aggregator(), "127.0.0.1:7700");
    HostPort.parse(target, "aggregator");
    AgentConfig.Builder b = AgentConfig.builder()
        .keyFile(key)
        .aggregator(target)
        .stateDir(YamlFiles.pick(stateDir, file.stateDir() == null ? null : Path.of(file.stateDir()), Path.of("orgtrail-agent-state")));
    Path dir = YamlFiles.pick(watchDir, sources.directory() == null ? null : Path.of(sources.directory()));
    if (dir != null) {
      b.watchDir(dir);
    }
    String http = YamlFiles.pick(httpListen, sources.http());
    if (http != null) {
      HostPort hp = HostPort.parse(http, "http-listen");
      b.httpListen(hp.host(), hp.port());
    }
    AgentSettings.Generator gen = sources.generator();
    Double rate = YamlFiles.pick(generateRate, gen == null ? null : gen.rate());
    if (rate != null) {
      if (rate <= 0) {
        throw new IllegalArgumentException("--generate-rate must be above 0 events per second");
      }
      long count = YamlFiles.pick(generateCount, gen == null ? null : gen.count(), 0L);
      List<String> regions = YamlFiles.pick(generateRegions, gen == null ? null : gen.regions(), List.of("us-east-1", "eu-west-1"));
      b.generator(new GeneratorSettings(rate, count, regions));
    }
    if (sources.pollInterval() != null) {
      b.pollInterval(Durations.parse(sources.pollInterval(), "sources.pollInterval"));
    }
    Integer maxEvents = YamlFiles.pick(batchMaxEvents, batch.maxEvents());
    if (maxEvents != null) {
      b.maxBatchEvents(maxEvents);
    }
    Integer maxBytes = YamlFiles.pick(batchMaxBytes, batch.maxBytes());
    if (maxBytes != null) {
      b.maxBatchBytes(maxBytes);
    }
    String delay = YamlFiles.pick(batchMaxDelay, batch.maxDelay());
    if (delay != null) {
      b.maxBatchDelay(Durations.parse(delay, "batch.maxDelay"));
    }
    AgentSettings.Spool spool = file.spool() == null ? AgentSettings.Spool.EMPTY : file.spool();
    Long spoolBytes = YamlFiles.pick(spoolMaxBytes, spool.maxBytes());
    if (spoolBytes != null) {
      b.spoolMaxBytes(spoolBytes);
    }
    String fsync = YamlFiles.pick(spoolFsync, spool.fsync());
    if (fsync != null && !fsync.equals("batch")) {
      b.spoolFsyncInterval(Durations.parse(fsync, "spool.fsync (batch, or an interval such as 100ms)"));
    }
    String stats = YamlFiles.pick(statsInterval, file.statsLogInterval());
    if (stats != null) {
      b.statsLogInterval(Durations.parse(stats, "statsLogInterval"));
    }
    String metrics = YamlFiles.pick(metricsListen, file.metricsListen());
    if (metrics != null) {
      HostPort hp = HostPort.parse(metrics, "metricsListen");
      b.metricsListen(hp.host(), hp.port());
    }
    return b.build();
  }
}
