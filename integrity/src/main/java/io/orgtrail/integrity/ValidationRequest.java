package io.orgtrail.integrity;

import io.orgtrail.format.digest.ChainId;
import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.layout.Region;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to validate: which chains and which time range. Like the AWS CLI, digests count when the end time in their
 * key lies in {@code [start, end + 1 hour]}; log files count when they were delivered in {@code [start, end]}.
 *
 * @param accountIds member accounts to validate; empty means every account found in the bucket
 * @param regions regions to validate; empty means every region found for each account
 * @param start inclusive
 * @param end inclusive
 */
public record ValidationRequest(Set<String> accountIds, Set<String> regions, Instant start, Instant end) {

  public ValidationRequest {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.isAfter(end)) {
      throw new IllegalArgumentException("Invalid time range specified: start-time " + start
          + " must occur before end-time " + end);
    }
    accountIds = new TreeSet<>(accountIds == null ? Set.of() : accountIds);
    regions = new TreeSet<>(regions == null ? Set.of() : regions);
    accountIds.forEach(AccountId::require);
    regions.forEach(Region::require);
    accountIds = java.util.Collections.unmodifiableSet(accountIds);
    regions = java.util.Collections.unmodifiableSet(regions);
  }

  /** Every account and region found in the bucket. */
  public static ValidationRequest all(Instant start, Instant end) {
    return new ValidationRequest(Set.of(), Set.of(), start, end);
  }

  boolean includes(ChainId chain) {
    return (accountIds.isEmpty() || accountIds.contains(chain.accountId()))
        && (regions.isEmpty() || regions.contains(chain.region()));
  }
}
