package io.orgtrail.aggregator.access;

import io.orgtrail.access.server.IssuedCredentialsListener;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.cloudtrailapi.auth.ApiCredentials;
import io.orgtrail.store.sts.TemporaryCredentials;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The S3 credentials the access service handed out, remembered until they expire, so that the CloudTrail-compatible
 * API accepts requests signed with them: a member admin's {@code aws cloudtrail lookup-events} sees its own
 * account's events, with the same credentials its {@code aws s3} uses. Kept in memory only: after a restart,
 * credentials are asked for again ({@code orgtrail logs env}).
 */
public final class IssuedApiCredentials implements ApiCredentials, IssuedCredentialsListener {
  private record Issued(ApiCaller caller, Instant expiration) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Issued> byKey = new ConcurrentHashMap<>();

  public IssuedApiCredentials(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void issued(TemporaryCredentials credentials, String accountId, String principal) {
    Instant now = clock.instant();
    byKey.values().removeIf(i -> !i.expiration().isAfter(now));
    byKey.put(credentials.accessKeyId(), new Issued(new ApiCaller(principal, credentials.secretAccessKey(),
        Optional.of(credentials.sessionToken()), accountId.isEmpty() ? Set.of() : Set.of(accountId)),
        credentials.expiration()));
  }

  @Override
  public Optional<ApiCaller> find(String accessKeyId) {
    Issued i = byKey.get(accessKeyId);
    if (i == null || !i.expiration().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(i.caller());
  }
}
