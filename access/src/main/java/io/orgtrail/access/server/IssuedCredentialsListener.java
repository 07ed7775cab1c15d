package io.orgtrail.access.server;

import io.orgtrail.store.sts.TemporaryCredentials;

/**
 * Told of every set of S3 credentials a grant hands out, so that the aggregator's CloudTrail-compatible API can
 * accept requests signed with them (LookupEvents, scoped like the grant).
 */
@FunctionalInterface
public interface IssuedCredentialsListener {
  IssuedCredentialsListener NONE = (credentials, accountId, principal) -> {};

  /**
   * @param accountId the account the grant reads, or empty for every account (the platform)
   * @param principal who asked, e.g. {@code arn:aws:iam::111122223333:role/member-admin (alice)}
   */
  void issued(TemporaryCredentials credentials, String accountId, String principal);
}
