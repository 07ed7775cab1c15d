package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.store.ObjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the digest chains and log files of an organization trail in an object store: what
 * {@code aws cloudtrail validate-logs} checks, for every (account, region) chain at once, plus what it cannot see
 * (log files added, copied or moved without a digest naming them, digests re-signed after the fact, forks, several
 * digests missing in a row, and, given witnesses, a deleted tail).
 *
 * <pre>{@code
 * LogValidator validator = LogValidator.builder()
 *     .store(store)
 *     .layout(new TrailLayout(prefix, orgId))
 *     .trail(TrailName.fromArn(trailArn))
 *     .publicKeys(PublicKeySet.read(keysFile))
 *     .witnesses(Witnesses.read(witnessDir))   // optional
 *     .listener(printer)                       // optional
 *     .build();
 * ValidationReport report = validator.validate(new ValidationRequest(accounts, regions, start, end));
 * System.exit(report.isClean() ? 0 : 1);
 * }</pre>
 *
 * <p>A problem in one chain never stops the others: failures to read an object are reported against that object,
 * a failed listing against its prefix, an unexpected error against its chain. Immutable; {@link #validate} may be
 * called again, also from several threads (each call reports to the same listener).
 */
public final class LogValidator {
  private static final Logger log = LoggerFactory.getLogger(LogValidator.class);

  private final ObjectStore store;
  private final TrailLayout layout;
  private final TrailName trail;
  private final KeyDirectory keys;
  private final List<ChainHead> witnesses;
  private final ValidationListener listener;

  private LogValidator(Builder b) {
    this.store = b.store;
    this.layout = b.layout;
    this.trail = b.trail;
    this.keys = new KeyDirectory(b.publicKeys);
    this.witnesses = List.copyOf(b.witnesses);
    this.listener = b.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  public ValidationReport validate(ValidationRequest request) {
    Objects.requireNonNull(request, "request");
    Tally tally = new Tally(listener, request);
    BucketIndex index = BucketIndex.build(store, layout, trail, request, tally);
    Map<ChainId, List<ChainHead>> witnessed = witnessesByChain(tally);
    Set<ChainId> chains = new TreeSet<>(index.chains());
    witnessed.keySet().stream().filter(request::includes).forEach(chains::add);
    DigestVerifier verifier = new DigestVerifier(store.bucket(), trail.homeRegion(), keys);
    ChainValidator validator = new ChainValidator(store, request, verifier, keys, tally);
    List<ChainId> validated = new ArrayList<>();
    for (ChainId chain : chains) {
      if (index.listingFailed(chain)) {
        continue; // reported as LISTING_FAILED
      }
      tally.chainStarted(chain);
      validated.add(chain);
      try {
        validator.validate(index.objects(chain), witnessed.getOrDefault(chain, List.of()));
      } catch (RuntimeException e) {
        log.warn("validation of the chain of {} stopped by an unexpected error", chain, e);
        tally.problem(new Problem(ProblemKind.CHAIN_FAILED, chain, store.bucket(),
            layout.digestPrefix(chain.accountId(), chain.region()),
            "validation of this chain stopped by an unexpected error, the other chains went on: " + e));
      }
    }
    return tally.report(validated);
  }

  private Map<ChainId, List<ChainHead>> witnessesByChain(Tally tally) {
    Map<ChainId, List<ChainHead>> byChain = new HashMap<>();
    for (ChainHead head : witnesses) {
      ChainId chain;
      try {
        chain = new ChainId(head.accountId(), head.region());
      } catch (IllegalArgumentException e) {
        tally.witnessChecked();
        tally.problem(new Problem(ProblemKind.WITNESS_INVALID, null, String.valueOf(head.digestS3Bucket()),
            String.valueOf(head.digestS3Object()), "this witness names no valid chain: " + e.getMessage()));
        continue;
      }
      byChain.computeIfAbsent(chain, c -> new ArrayList<>()).add(head);
    }
    return byChain;
  }

  /** Configures a {@link LogValidator}; store, layout, trail and at least one public key are required. */
  public static final class Builder {
    private ObjectStore store;
    private TrailLayout layout;
    private TrailName trail;
    private List<PublicKeyInfo> publicKeys = List.of();
    private List<ChainHead> witnesses = List.of();
    private ValidationListener listener = ValidationListener.NONE;

    private Builder() {}

    /** Where the digests and log files are; its {@link ObjectStore#bucket()} is the bucket digests must name. */
    public Builder store(ObjectStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The trail's key prefix and organization id. */
    public Builder layout(TrailLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /** The trail: digest file names carry its name and home region. */
    public Builder trail(TrailName trail) {
      this.trail = Objects.requireNonNull(trail, "trail");
      return this;
    }

    /** Every key that signed digests in the range, with its validity window (PublicKeySet, ListPublicKeys). */
    public Builder publicKeys(List<PublicKeyInfo> publicKeys) {
      this.publicKeys = List.copyOf(publicKeys);
      return this;
    }

    /** Signed chain heads kept by agents; optional. Witnesses of chains outside the request are ignored. */
    public Builder witnesses(List<ChainHead> witnesses) {
      this.witnesses = List.copyOf(witnesses);
      return this;
    }

    /** Hears each result as it is found; optional. */
    public Builder listener(ValidationListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public LogValidator build() {
      if (store == null || layout == null || trail == null) {
        throw new IllegalStateException("a LogValidator needs a store, a layout and a trail");
      }
      if (publicKeys.isEmpty()) {
        throw new IllegalStateException("no public keys: digests cannot be validated without the keys that signed "
            + "them; pass the trail's exported public key set (orgtrail's PublicKeySet file, or the output of "
            + "aws cloudtrail list-public-keys)");
      }
      return new LogValidator(this);
    }
  }
}
