package io.orgtrail.bench.scale;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.orgtrail.format.batch.BatchSigner;
import io.orgtrail.format.batch.Ed25519Keys;
import io.orgtrail.proto.v1.IngestGrpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One simulator process of the scale run: holds many agent identities, each with its own {@code Ingest/Stream} call
 * (by default over its own connection, as real agents have), and obeys the run's commands on stdin
 * ({@link SimulatorProtocol}). Started by {@link ScaleRun}; not meant to be run by hand.
 */
@Command(name = "stream-simulator", description = "A scale run's simulator process (started by bin/bench scale).")
public final class StreamSimulator implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STATS_EVERY = Duration.ofSeconds(1);
  private static final Duration DRAIN_POLL = Duration.ofMillis(50);

  @Option(names = "--aggregator", required = true, paramLabel = "HOST:PORT")
  String aggregator;

  @Option(names = "--identities", required = true, paramLabel = "FILE", description = "JSON list of identities")
  Path identitiesFile;

  @Option(names = "--result", required = true, paramLabel = "FILE")
  Path resultFile;

  @Option(names = "--datasets", required = true, paramLabel = "DIR")
  Path datasets;

  @Option(names = "--run-id", required = true, paramLabel = "HEX", description = "The run's 8 hex digits in eventIDs")
  String runId;

  @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", description = "Per stream; omit for saturated")
  Double rate;

  @Option(names = "--batch-size", defaultValue = "100")
  int batchSize;

  @Option(names = "--batch-delay-millis", defaultValue = "1000")
  long batchDelayMillis;

  @Option(names = "--window", defaultValue = "2")
  int window;

  @Option(names = "--shared-channels", defaultValue = "0",
      description = "Connections shared by all streams of this process; 0: one connection per stream")
  int sharedChannels;

  @Option(names = "--threads", defaultValue = "2", description = "Threads building, signing and acknowledging")
  int threads;

  @Option(names = "--drain-timeout-seconds", defaultValue = "60")
  long drainTimeoutSeconds;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamSimulator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Identity> identities = JSON.readValue(identitiesFile.toFile(), new TypeReference<List<Identity>>() {});
    EventTemplates templates = EventTemplates.fromDatasets(datasets);
    EventIds ids = new EventIds(Integer.parseUnsignedInt(runId, 16));
    StreamPlan plan = new StreamPlan(rate == null ? Double.POSITIVE_INFINITY : rate, batchSize,
        Duration.ofMillis(batchDelayMillis), window);
    int colon = aggregator.lastIndexOf(':');
    String host = aggregator.substring(0, colon);
    int port = Integer.parseInt(aggregator.substring(colon + 1));

    NioEventLoopGroup network = new NioEventLoopGroup(threads, daemon("simulator-network"));
    ExecutorService callbacks = Executors.newFixedThreadPool(threads, daemon("simulator-callbacks"));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("simulator-timer"));
    List<ManagedChannel> channels = new ArrayList<>();
    List<SimulatedStream> streams = new ArrayList<>();
    try {
      int channelCount = sharedChannels > 0 ? sharedChannels : identities.size();
      for (int i = 0; i < channelCount; i++) {
        channels.add(NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .eventLoopGroup(network)
            .channelType(NioSocketChannel.class)
            .executor(callbacks)
            // As the agent: a silently dead link fails the stream within seconds.
            .keepAliveTime(10, TimeUnit.SECONDS)
            .keepAliveTimeout(5, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true)
            .build());
      }
      for (int i = 0; i < identities.size(); i++) {
        Identity identity = identities.get(i);
        BatchSigner signer = new BatchSigner(identity.agentId(), Ed25519Keys.privateKey(identity.privateKey()));
        SimulatedStream stream = new SimulatedStream(identity, signer, templates, ids, plan, Clock.systemUTC(),
            System::nanoTime);
        streams.add(stream);
        stream.open(IngestGrpc.newStub(channels.get(i % channels.size())));
      }
      if (!plan.saturated()) {
        long tick = plan.tick().toNanos();
        for (int i = 0; i < streams.size(); i++) {
          // Real agents are not in step: spread the streams' ticks over the tick (golden-ratio steps).
          long phase = (long) (tick * ((streams.get(i).identity().stream() * 0.6180339887) % 1.0));
          timer.scheduleAtFixedRate(streams.get(i)::tick, phase, tick, TimeUnit.NANOSECONDS);
        }
      }
      timer.scheduleAtFixedRate(() -> out.println(status(streams).line()), 0, STATS_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
      out.println(SimulatorProtocol.READY + " streams=" + streams.size());
      return obey(streams);
    } finally {
      timer.shutdownNow();
      channels.forEach(ManagedChannel::shutdownNow);
      callbacks.shutdownNow();
      network.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private int obey(List<SimulatedStream> streams) throws IOException, InterruptedException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command;
    while ((command = in.readLine()) != null) {
      switch (command.trim()) {
        case SimulatorProtocol.WINDOW_START -> streams.forEach(SimulatedStream::markWindowStart);
        case SimulatorProtocol.WINDOW_END -> streams.forEach(SimulatedStream::markWindowEnd);
        case SimulatorProtocol.STOP -> {
          streams.forEach(SimulatedStream::stop);
          boolean drained = awaitDrained(streams);
          LongList latencies = new LongList();
          streams.forEach(s -> s.windowLatencies(latencies));
          new SimulatorResult(streams.stream().map(SimulatedStream::result).toList(), latencies.toArray(), drained)
              .write(resultFile);
          out.println(status(streams).line());
          out.println(SimulatorProtocol.DONE + " " + resultFile);
          return 0;
        }
        default -> System.err.println("stream-simulator: ignoring the unknown command '" + command + "'");
      }
    }
    System.err.println("stream-simulator: stdin closed before '" + SimulatorProtocol.STOP + "' (the scale run is "
        + "gone?); stopping");
    return SimulatorProtocol.ORPHANED;
  }

  private boolean awaitDrained(List<SimulatedStream> streams) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainTimeoutSeconds);
    while (!streams.stream().allMatch(SimulatedStream::drained)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(DRAIN_POLL.toMillis());
    }
    return true;
  }

  private static SimulatorStatus status(List<SimulatedStream> streams) {
    int open = 0;
    int withAck = 0;
    int failed = 0;
    long acked = 0;
    long inFlight = 0;
    long backlog = 0;
    long rejected = 0;
    for (SimulatedStream s : streams) {
      open += s.opened() ? 1 : 0;
      withAck += s.hadAck() ? 1 : 0;
      failed += s.failed() ? 1 : 0;
      acked += s.ackedEvents();
      inFlight += s.inFlightBatches();
      backlog += s.backlogEvents();
      rejected += s.rejectedBatches();
    }
    return new SimulatorStatus(streams.size(), open, withAck, acked, inFlight, backlog, rejected, failed);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
