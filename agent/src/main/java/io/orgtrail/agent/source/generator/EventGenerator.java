package io.orgtrail.agent.source.generator;

import io.orgtrail.agent.GeneratorSettings;
import io.orgtrail.agent.batch.SettlementListener;
import io.orgtrail.agent.intake.Intake;
import io.orgtrail.format.ids.RandomUuids;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces realistic CloudTrail records for the agent's account at a steady rate, for demos and load tests. A
 * timer ticks a few dozen times per second; each tick makes as many records as the rate asks for by the
 * {@link Clock}'s time since the start. When intake holds the generator back (the aggregator is slow or away) it
 * does not try to catch up with more than a second's worth of records at once.
 */
public final class EventGenerator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventGenerator.class);
  private static final long MIN_TICK_MILLIS = 5;
  private static final long MAX_TICK_MILLIS = 100;

  private final GeneratorSettings settings;
  private final Intake intake;
  private final Clock clock;
  private final RecycledRecords records;
  private final ScheduledExecutorService timer;
  private final AtomicLong generated = new AtomicLong();
  private volatile boolean done;
  private volatile ScheduledFuture<?> ticking;
  private long startMillis; // only on the timer thread
  private long baseCount; // events made before startMillis; only on the timer thread

  public EventGenerator(
      GeneratorSettings settings, String account, Intake intake, Clock clock, RandomGenerator random) {
    this.settings = settings;
    this.intake = intake;
    this.clock = clock;
    // The records need variety, not secrecy: a fast generator seeded from the injected one, used by the timer
    // thread alone, instead of the agent's SecureRandom behind a lock for every random part of every record.
    RandomGenerator own = RandomGeneratorFactory.of("L64X128MixRandom").create(random.nextLong());
    this.records = new RecycledRecords(new GeneratedRecords(account, own, new RandomUuids(own)), own);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "orgtrail-agent-generator");
      t.setDaemon(true);
      return t;
    });
  }

  public synchronized void start() {
    long tick = Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, (long) (1000 / settings.eventsPerSecond())));
    timer.execute(() -> startMillis = clock.millis());
    ticking = timer.scheduleAtFixedRate(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Records handed to intake so far. */
  public long generated() {
    return generated.get();
  }

  /** True once {@code count} records were handed to intake (never for an unbounded generator). */
  public boolean done() {
    return done;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("the event generator failed; it tries again at the next tick", e);
    }
  }

  private void tick() throws InterruptedException {
    long now = clock.millis();
    double rate = settings.eventsPerSecond();
    long made = generated.get();
    long due = baseCount + (long) Math.floor(rate * Math.max(0, now - startMillis) / 1000.0) - made;
    long burst = Math.max(1, (long) Math.ceil(rate));
    if (due > burst) {
      // Behind by more than a second (intake was full, or the clock jumped): restart the schedule from now.
      due = burst;
      startMillis = now;
      baseCount = made + burst;
    }
    if (!settings.unbounded()) {
      due = Math.min(due, settings.count() - made);
    }
    for (long i = 0; i < due; i++) {
      String region = settings.regions().get((int) (generated.get() % settings.regions().size()));
      intake.offer(records.next(clock.instant(), region), SettlementListener.NONE);
      generated.incrementAndGet();
    }
    if (!settings.unbounded() && generated.get() >= settings.count()) {
      done = true;
      log.info("the event generator made its {} events", settings.count());
      ScheduledFuture<?> t = ticking;
      if (t != null) {
        t.cancel(false);
      }
    }
  }
}
