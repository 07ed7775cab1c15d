package io.orgtrail.aggregator;

import io.orgtrail.store.MinioStore;
import io.orgtrail.testkit.MinioServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An aggregator in a JVM of its own, for kill -9 tests ({@link ChildAggregator} starts it). Arguments: state dir,
 * registry dir, MinIO endpoint, bucket, port. Prints {@code READY <port>} once serving and a {@code STATS} line
 * every 200 ms; when its stdin closes it stops gracefully and prints {@code STOPPED}. Small files, 1 s rolls and
 * 1 s digests make the kills land in every step of the write path.
 */
public final class AggregatorProcessMain {
  private AggregatorProcessMain() {}

  public static void main(String[] args) throws Exception {
    MinioStore store = MinioStore.builder()
        .endpoint(args[2])
        .credentials(MinioServer.ACCESS_KEY, MinioServer.SECRET_KEY)
        .bucket(args[3])
        .build();
    AggregatorConfig config = AggregatorConfig.builder()
        .orgId(AggregatorFixture.ORG)
        .port(Integer.parseInt(args[4]))
        .rollInterval(Duration.ofSeconds(1))
        .maxFileBytes(8 << 10)
        .digestPeriod(Duration.ofSeconds(1))
        .writerThreads(2)
        .stateDir(Path.of(args[0]))
        .registryDir(Path.of(args[1]))
        .build();
    Aggregator aggregator = Aggregator.builder().config(config).store(store).clock(Clock.systemUTC()).build();
    aggregator.start();
    System.out.println("READY " + aggregator.port());
    System.out.flush();
    ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stats");
      t.setDaemon(true);
      return t;
    });
    stats.scheduleAtFixedRate(() -> {
      System.out.println("STATS " + line(aggregator.stats()));
      System.out.flush();
    }, 200, 200, TimeUnit.MILLISECONDS);
    awaitEndOfInput(System.in);
    stats.shutdownNow();
    aggregator.close();
    System.out.println("STATS " + line(aggregator.stats()));
    System.out.println("STOPPED");
    System.out.flush();
    store.close();
    System.exit(0);
  }

  /** The figures {@link ChildAggregator.Stats#parse} reads back. */
  static String line(AggregatorStats s) {
    return "durable=" + s.batchesDurable() + " duplicates=" + s.duplicates() + " duplicateEvents="
        + s.duplicateEvents() + " skipped=" + s.eventsSkippedAsDurable() + " inFlightResends=" + s.inFlightResends()
        + " recoveredInStore=" + s.recoveredFilesInStore() + " recoveredMissing=" + s.recoveredFilesMissing()
        + " files=" + s.filesWritten() + " events=" + s.eventsWritten() + " digests=" + s.digestsWritten();
  }

  private static void awaitEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // nothing is expected on stdin; its end is the signal to stop
    }
  }
}
