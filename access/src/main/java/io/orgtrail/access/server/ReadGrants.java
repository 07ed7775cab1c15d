package io.orgtrail.access.server;

import io.grpc.Status;
import io.grpc.StatusException;
import io.orgtrail.access.identity.Caller;
import io.orgtrail.format.layout.AccountId;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.generate.ReadPolicies;
import io.orgtrail.policy.generate.SessionPolicies;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.proto.v1.CallerIdentity;
import io.orgtrail.proto.v1.EmbeddedStoreAccess;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.S3Credentials;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.sts.TemporaryCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides and issues read access grants: the caller's own read policy must allow listing and reading the asked
 * account's prefix; the grant then carries that account's read policy as its session policy, and, with a
 * {@link CredentialIssuer}, temporary S3 credentials limited by it.
 */
final class ReadGrants {
  static final Duration DEFAULT_DURATION = Duration.ofHours(1);
  static final Duration MIN_DURATION = Duration.ofMinutes(15);
  static final Duration MAX_DURATION = Duration.ofHours(12);
  private static final Logger log = LoggerFactory.getLogger(ReadGrants.class);

  private final TrailBucket bucket;
  private final TrailName trail;
  private final CredentialIssuer credentialIssuer;
  private final String s3Endpoint;
  private final String s3Region;
  private final Supplier<String> publicKeys;
  private final IssuedCredentialsListener issued;
  private final ReadAuthorizer authorizer;
  private final Clock clock;

  ReadGrants(AccessService.Settings settings, ReadAuthorizer authorizer, Clock clock) {
    this.bucket = settings.bucket();
    this.trail = settings.trail();
    this.credentialIssuer = settings.credentialIssuer();
    this.s3Endpoint = settings.s3Endpoint();
    this.s3Region = settings.s3Region();
    this.publicKeys = settings.publicKeys();
    this.issued = settings.issued();
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /**
   * @param accountId a 12-digit account, or empty for every account
   * @param durationSeconds 0 for the default of one hour
   * @throws StatusException INVALID_ARGUMENT, PERMISSION_DENIED or FAILED_PRECONDITION, saying why
   * @throws StoreException when the credential issuer fails
   */
  ReadAccessGrant grant(Caller caller, CallerIdentity identity, String accountId, int durationSeconds)
      throws StatusException, StoreException {
    if (!accountId.isEmpty() && !AccountId.isValid(accountId)) {
      throw Status.INVALID_ARGUMENT.withDescription("account id '" + accountId + "' is not valid: an account id is"
          + " exactly 12 digits, such as 111122223333; leave it empty for every account (platform role only)")
          .asException();
    }
    Duration duration = duration(durationSeconds, caller);
    authorizer.requireGrant(caller, accountId);
    PolicyDocument policy = accountId.isEmpty()
        ? ReadPolicies.platform(bucket)
        : ReadPolicies.account(bucket, accountId);
    String sessionPolicy;
    try {
      sessionPolicy = SessionPolicies.render(policy);
    } catch (IllegalArgumentException e) {
      throw Status.FAILED_PRECONDITION.withDescription("cannot issue read credentials for this trail: "
          + e.getMessage()).asException();
    }
    ReadAccessGrant.Builder grant = ReadAccessGrant.newBuilder()
        .setCaller(identity)
        .setAccountId(accountId)
        .setBucket(bucket.bucket())
        .setReadablePrefix(accountId.isEmpty() ? bucket.trailPrefix() : bucket.accountPrefix(accountId))
        .setSessionPolicy(sessionPolicy)
        .setTrailArn(trail == null ? "" : trail.arn())
        .setOrgId(bucket.orgId())
        .setKeyPrefix(bucket.keyPrefix())
        .setPublicKeysJson(publicKeysJson());
    Instant expiration;
    if (credentialIssuer != null) {
      TemporaryCredentials credentials = issue(sessionPolicy, duration);
      issued.issued(credentials, accountId, caller.principalArn() + " (" + caller.name() + ")");
      expiration = credentials.expiration();
      grant.setS3(S3Credentials.newBuilder()
          .setEndpoint(s3Endpoint)
          .setRegion(s3Region)
          .setAccessKeyId(credentials.accessKeyId())
          .setSecretAccessKey(credentials.secretAccessKey())
          .setSessionToken(credentials.sessionToken()));
    } else {
      expiration = clock.instant().plus(duration);
      grant.setEmbedded(EmbeddedStoreAccess.getDefaultInstance());
    }
    grant.setExpirationEpochMillis(expiration.toEpochMilli());
    log.info("granted read access to {}: principal {} ({}), certificate serial {}, until {}, {}",
        accountId.isEmpty() ? "every account" : "account " + accountId, caller.principalArn(), caller.name(),
        caller.serial(), expiration, credentialIssuer != null ? "S3 credentials" : "through this service");
    return grant.build();
  }

  private TemporaryCredentials issue(String sessionPolicy, Duration duration) throws StatusException, StoreException {
    try {
      return credentialIssuer.issue(sessionPolicy, duration);
    } catch (IllegalArgumentException e) {
      throw Status.FAILED_PRECONDITION.withDescription("cannot issue temporary credentials: " + e.getMessage())
          .asException();
    }
  }

  /** What was asked (0: the default), checked; never beyond the certificate that asked for it. */
  private Duration duration(int seconds, Caller caller) throws StatusException {
    long asked = Integer.toUnsignedLong(seconds);
    Duration duration = asked == 0 ? DEFAULT_DURATION : Duration.ofSeconds(asked);
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw Status.INVALID_ARGUMENT.withDescription("duration_seconds " + asked + " is out of range: ask for "
          + MIN_DURATION.toSeconds() + " s (15 minutes) to " + MAX_DURATION.toSeconds() + " s (12 hours), or 0 for"
          + " one hour").asException();
    }
    Duration certificateLeft = Duration.between(clock.instant(), caller.expiry());
    if (certificateLeft.compareTo(duration) >= 0) {
      return duration;
    }
    if (certificateLeft.compareTo(MIN_DURATION) < 0) {
      throw Status.FAILED_PRECONDITION.withDescription("the certificate of " + caller.describe() + " (serial "
          + caller.serial() + ") expires at " + caller.expiry() + ", in less than 15 minutes, the shortest grant;"
          + " get a new one with `orgtrail admin issue-cert`").asException();
    }
    return Duration.ofSeconds(certificateLeft.toSeconds());
  }

  private String publicKeysJson() throws StatusException {
    try {
      String json = publicKeys.get();
      return json == null ? "" : json;
    } catch (RuntimeException e) {
      throw Status.UNAVAILABLE.withDescription("cannot read the digest public keys: " + e.getMessage()).withCause(e)
          .asException();
    }
  }
}
