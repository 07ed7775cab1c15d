package io.orgtrail.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local source for an agent container: every interval, a CloudTrail log file ({@code {"Records":[...]}}) appears
 * in the directory the agent watches (a host directory mounted into the container). The file is written under a
 * dot-name and renamed, so the agent never sees half of it. Files on disk are the source's own durable copy: every
 * event written must be delivered, whatever happens to the containers.
 */
final class InboxWriter implements AutoCloseable {
  private final String account;
  private final List<String> regions;
  private final Path inbox;
  private final int eventsPerFile;
  private final Clock clock;
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  // guarded by lock
  private boolean paused;
  private long files;
  private volatile String failure;

  InboxWriter(String account, List<String> regions, Path inbox, int eventsPerFile, Duration interval, Clock clock) {
    this.account = account;
    this.regions = List.copyOf(regions);
    this.inbox = inbox;
    this.eventsPerFile = eventsPerFile;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inbox-" + account);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::writeOne, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops writing; returns once the file being written (if any) is in place. */
  void pause() {
    synchronized (lock) {
      paused = true;
    }
  }

  void resume() {
    synchronized (lock) {
      paused = false;
    }
  }

  /** Why this source stopped on its own, or null. */
  String failure() {
    return failure;
  }

  Set<String> written() {
    return Set.copyOf(written);
  }

  long writtenCount() {
    return written.size();
  }

  String stats() {
    synchronized (lock) {
      return account + ": " + files + " files, " + written.size() + " events written";
    }
  }

  private void writeOne() {
    synchronized (lock) {
      if (paused) {
        return;
      }
      long n = ++files;
      StringBuilder json = new StringBuilder("{\"Records\":[");
      List<String> ids = new ArrayList<>(eventsPerFile);
      for (int i = 0; i < eventsPerFile; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        json.append(i == 0 ? "" : ",").append(record(id, regions.get((int) ((n + i) % regions.size()))));
      }
      json.append("]}");
      String name = account + "-" + String.format("%06d", n) + ".json";
      Path tmp = inbox.resolve("." + name + ".tmp");
      try {
        Files.writeString(tmp, json);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        written.addAll(ids);
      } catch (IOException e) {
        // The host's own disk failing is not a scenario here; the test fails on it instead of counting on it.
        files--;
        paused = true;
        failure = "writing " + name + " into " + inbox + " failed: " + e;
      }
    }
  }

  /** A DynamoDB data event shaped like CloudTrail's (about 800 bytes), with a fresh eventID. */
  private String record(String eventId, String region) {
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:chaos\","
        + "\"arn\":\"arn:aws:sts::" + account + ":assumed-role/deployer/chaos\",\"accountId\":\"" + account + "\","
        + "\"accessKeyId\":\"ASIAEXAMPLE\",\"sessionContext\":{\"attributes\":{\"creationDate\":\"" + clock.instant()
        + "\",\"mfaAuthenticated\":\"false\"}}},\"eventTime\":\"" + clock.instant() + "\","
        + "\"eventSource\":\"dynamodb.amazonaws.com\",\"eventName\":\"PutItem\",\"awsRegion\":\"" + region + "\","
        + "\"sourceIPAddress\":\"10.20.30.40\",\"userAgent\":\"aws-sdk-java/2.25.0 chaos-suite\","
        + "\"requestParameters\":{\"tableName\":\"orders\"},\"responseElements\":null,"
        + "\"resources\":[{\"accountId\":\"" + account + "\",\"type\":\"AWS::DynamoDB::Table\",\"ARN\":"
        + "\"arn:aws:dynamodb:" + region + ":" + account + ":table/orders\"}],"
        + "\"requestID\":\"" + UUID.nameUUIDFromBytes(eventId.getBytes()) + "\",\"eventID\":\"" + eventId + "\","
        + "\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":false,"
        + "\"recipientAccountId\":\"" + account + "\",\"eventCategory\":\"Data\"}";
  }

  @Override
  public void close() {
    pause();
    timer.shutdownNow();
  }
}
