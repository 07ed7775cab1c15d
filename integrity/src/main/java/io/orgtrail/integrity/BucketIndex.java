package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.layout.Region;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the bucket holds for the requested chains, from as few listings as the request allows: the whole
 * organization when no account is given, each account when no region is given, else each chain's two prefixes.
 * Only what validation needs is kept: the digests in range, the newest digest, and the log files delivered in range.
 */
final class BucketIndex {
  /** A digest key of the chain and the end time its name carries. */
  record DigestKey(String key, Instant end) {}

  /**
   * An object under the chain's log file prefix.
   *
   * @param deliveredAt the minute in its name, or its last-modified time when its name is not a log file name
   * @param logFileName whether the name is a log file name of this chain
   */
  record LogObject(String key, Instant deliveredAt, boolean logFileName) {}

  /** One chain's objects. */
  static final class ChainObjects {
    private final ChainKeys keys;
    private final List<DigestKey> digestsInRange = new ArrayList<>();
    private final List<LogObject> logFiles = new ArrayList<>();
    private DigestKey newest;

    ChainObjects(ChainKeys keys) {
      this.keys = keys;
    }

    ChainKeys keys() {
      return keys;
    }

    /** This trail's digests whose key end time is in the range, oldest first. */
    List<DigestKey> digestsInRange() {
      return digestsInRange;
    }

    /** This trail's newest digest in the bucket for the chain, whatever the range; null when there is none. */
    DigestKey newest() {
      return newest;
    }

    /** Objects under the log file prefix delivered in the range, in key order. */
    List<LogObject> logFiles() {
      return logFiles;
    }
  }

  private static final Comparator<DigestKey> BY_END =
      Comparator.comparing(DigestKey::end).thenComparing(DigestKey::key);

  private final TrailLayout layout;
  private final TrailName trail;
  private final ValidationRequest request;
  private final Instant digestsFrom;
  private final Instant digestsTo;
  private final Map<ChainId, ChainObjects> chains = new HashMap<>();
  private final List<String> failedPrefixes = new ArrayList<>();

  private BucketIndex(TrailLayout layout, TrailName trail, ValidationRequest request) {
    this.layout = layout;
    this.trail = trail;
    this.request = request;
    // The AWS CLI's range: key end times in [start, end + 1 h], compared at second precision.
    this.digestsFrom = request.start().truncatedTo(ChronoUnit.SECONDS);
    this.digestsTo = request.end().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
  }

  /** Lists the bucket; a failed listing is reported and the chains under it are left out. */
  static BucketIndex build(ObjectStore store, TrailLayout layout, TrailName trail, ValidationRequest request,
      Tally tally) {
    BucketIndex index = new BucketIndex(layout, trail, request);
    for (Scope scope : scopes(layout, request)) {
      List<ObjectInfo> listed;
      try {
        listed = store.list(scope.prefix());
      } catch (StoreException | RuntimeException e) {
        index.failedPrefixes.add(scope.prefix());
        tally.problem(new Problem(ProblemKind.LISTING_FAILED, scope.chain(), store.bucket(), scope.prefix(),
            "could not list the objects under this prefix, so its digests and log files were not validated: "
                + e.getMessage()));
        continue;
      }
      for (ObjectInfo info : listed) {
        index.add(info);
      }
    }
    for (ChainObjects objects : index.chains.values()) {
      objects.digestsInRange.sort(BY_END);
      objects.logFiles.sort(Comparator.comparing(LogObject::key));
    }
    return index;
  }

  /** Chains the request includes that have a digest of the trail, or log files delivered in the range. */
  Set<ChainId> chains() {
    Set<ChainId> found = new TreeSet<>();
    chains.forEach((chain, objects) -> {
      if (request.includes(chain) && (objects.newest != null || !objects.logFiles.isEmpty())) {
        found.add(chain);
      }
    });
    return found;
  }

  /** The chain's objects; empty when the bucket holds none. */
  ChainObjects objects(ChainId chain) {
    return chains.computeIfAbsent(chain, c -> new ChainObjects(new ChainKeys(layout, trail, c)));
  }

  /** True when a listing that should have shown the chain's objects failed. */
  boolean listingFailed(ChainId chain) {
    String digests = layout.digestPrefix(chain.accountId(), chain.region());
    String logs = layout.logFilePrefix(chain.accountId(), chain.region());
    return failedPrefixes.stream().anyMatch(p -> digests.startsWith(p) || logs.startsWith(p));
  }

  private void add(ObjectInfo info) {
    String rest = info.key().startsWith(organizationPrefix(layout))
        ? info.key().substring(organizationPrefix(layout).length())
        : null;
    if (rest == null) {
      return;
    }
    String[] parts = rest.split("/", 4);
    if (parts.length < 4 || !AccountId.isValid(parts[0]) || !Region.isValid(parts[2])) {
      return;
    }
    ChainId chain = new ChainId(parts[0], parts[2]);
    if (parts[1].equals("CloudTrail-Digest")) {
      addDigest(chain, info);
    } else if (parts[1].equals("CloudTrail")) {
      addLogObject(chain, info);
    }
  }

  private void addDigest(ChainId chain, ObjectInfo info) {
    ChainObjects objects = objects(chain);
    Instant end = objects.keys.digestEndTime(info.key());
    if (end == null) {
      return; // another trail's digest, or not a digest: the AWS CLI ignores those too
    }
    DigestKey key = new DigestKey(info.key(), end);
    if (objects.newest == null || BY_END.compare(key, objects.newest) > 0) {
      objects.newest = key;
    }
    if (!end.isBefore(digestsFrom) && !end.isAfter(digestsTo)) {
      objects.digestsInRange.add(key);
    }
  }

  private void addLogObject(ChainId chain, ObjectInfo info) {
    ChainObjects objects = objects(chain);
    Instant minute = objects.keys.logFileDeliveryTime(info.key());
    if (minute != null) {
      // The name holds the minute only: the file was delivered somewhere in [minute, minute + 1 min).
      if (!minute.isAfter(request.end()) && minute.plus(Duration.ofMinutes(1)).isAfter(request.start())) {
        objects.logFiles.add(new LogObject(info.key(), minute, true));
      }
    } else {
      Instant modified = info.lastModified();
      if (modified != null && !modified.isAfter(request.end()) && !modified.isBefore(request.start())) {
        objects.logFiles.add(new LogObject(info.key(), modified, false));
      }
    }
  }

  static String organizationPrefix(TrailLayout layout) {
    return layout.prefix() + "AWSLogs/" + (layout.orgId() == null ? "" : layout.orgId() + "/");
  }

  private record Scope(String prefix, ChainId chain) {}

  private static List<Scope> scopes(TrailLayout layout, ValidationRequest request) {
    List<Scope> scopes = new ArrayList<>();
    if (request.accountIds().isEmpty()) {
      scopes.add(new Scope(organizationPrefix(layout), null));
    } else if (request.regions().isEmpty()) {
      for (String account : request.accountIds()) {
        scopes.add(new Scope(layout.accountPrefix(account), null));
      }
    } else {
      for (String account : request.accountIds()) {
        for (String region : request.regions()) {
          ChainId chain = new ChainId(account, region);
          scopes.add(new Scope(layout.digestPrefix(account, region), chain));
          scopes.add(new Scope(layout.logFilePrefix(account, region), chain));
        }
      }
    }
    return scopes;
  }
}
