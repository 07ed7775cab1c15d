package io.orgtrail.format.digest;

import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.layout.Region;
import java.util.Comparator;

/** One digest chain of an organization trail: CloudTrail keeps one per (member account, region). */
public record ChainId(String accountId, String region) implements Comparable<ChainId> {
  private static final Comparator<ChainId> ORDER =
      Comparator.comparing(ChainId::accountId).thenComparing(ChainId::region);

  public ChainId {
    AccountId.require(accountId);
    Region.require(region);
  }

  @Override
  public int compareTo(ChainId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return "account " + accountId + " in " + region;
  }
}
