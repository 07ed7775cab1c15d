package io.orgtrail.aggregator.digest;

import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.layout.Region;

/** One digest chain: CloudTrail keeps one per (account, region). */
public record ChainId(String accountId, String region) {
  public ChainId {
    AccountId.require(accountId);
    Region.require(region);
  }

  /** The journal file's name stem, e.g. {@code 111122223333_us-east-1}. */
  String fileStem() {
    return accountId + "_" + region;
  }

  static ChainId fromFileStem(String stem) {
    int i = stem.indexOf('_');
    if (i < 0) {
      throw new IllegalArgumentException("'" + stem + "' is not <account>_<region>");
    }
    return new ChainId(stem.substring(0, i), stem.substring(i + 1));
  }
}
