package io.orgtrail.access.server;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.orgtrail.access.identity.Caller;
import io.orgtrail.access.identity.IdentityInterceptor;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.generate.TrailBucket;
import io.orgtrail.proto.v1.AccessGrpc;
import io.orgtrail.proto.v1.CallerIdentity;
import io.orgtrail.proto.v1.GetObjectRequest;
import io.orgtrail.proto.v1.ListObjectsRequest;
import io.orgtrail.proto.v1.ListObjectsResponse;
import io.orgtrail.proto.v1.ObjectChunk;
import io.orgtrail.proto.v1.ObjectSummary;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.proto.v1.ReadAccessRequest;
import io.orgtrail.proto.v1.WhoAmIRequest;
import io.orgtrail.store.ObjectInfo;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.StoreException;
import io.orgtrail.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code orgtrail.v1.Access}: every call is decided by {@link ReadAuthorizer} for the {@link Caller} the
 * {@link IdentityInterceptor} put in the context, never by anything in the request.
 */
final class AccessService extends AccessGrpc.AccessImplBase {
  static final int MAX_KEYS = 1000;
  private static final Logger log = LoggerFactory.getLogger(AccessService.class);

  private final ObjectStore store;
  private final TrailBucket bucket;
  private final ReadAuthorizer authorizer;
  private final ReadGrants grants;

  AccessService(Settings settings, Clock clock) {
    this.store = settings.store();
    this.bucket = settings.bucket();
    this.authorizer = new ReadAuthorizer(settings.bucket(), new PolicyEvaluator(clock));
    this.grants = new ReadGrants(settings, authorizer, clock);
  }

  /** What the service serves; {@code credentialIssuer}, {@code trail} may be null. */
  record Settings(ObjectStore store, TrailBucket bucket, TrailName trail, CredentialIssuer credentialIssuer,
      String s3Endpoint, String s3Region, Supplier<String> publicKeys, IssuedCredentialsListener issued) {}

  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<CallerIdentity> response) {
    response.onNext(identity(IdentityInterceptor.currentCaller()));
    response.onCompleted();
  }

  @Override
  public void grantReadAccess(ReadAccessRequest request, StreamObserver<ReadAccessGrant> response) {
    Caller caller = IdentityInterceptor.currentCaller();
    try {
      response.onNext(grants.grant(caller, identity(caller), request.getAccountId(), request.getDurationSeconds()));
      response.onCompleted();
    } catch (StatusException e) {
      response.onError(e);
    } catch (StoreException e) {
      response.onError(unavailable("cannot issue temporary credentials", e));
    }
  }

  @Override
  public void listObjects(ListObjectsRequest request, StreamObserver<ListObjectsResponse> response) {
    Caller caller = IdentityInterceptor.currentCaller();
    try {
      String prefix = ObjectKeys.requirePrefix(request.getPrefix());
      String startAfter = ObjectKeys.requireStartAfter(request.getStartAfter());
      int maxKeys = request.getMaxKeys() == 0 ? MAX_KEYS : Math.min(request.getMaxKeys(), MAX_KEYS);
      authorizer.requireList(caller, prefix);
      List<ObjectInfo> all = store.list(prefix);
      byte[] after = startAfter.getBytes(StandardCharsets.UTF_8);
      ListObjectsResponse.Builder page = ListObjectsResponse.newBuilder();
      int added = 0;
      for (ObjectInfo info : all) {
        if (!startAfter.isEmpty() && Arrays.compareUnsigned(info.key().getBytes(StandardCharsets.UTF_8), after) <= 0) {
          continue;
        }
        if (added == maxKeys) {
          page.setTruncated(true);
          break;
        }
        page.addObjects(ObjectSummary.newBuilder()
            .setKey(info.key())
            .setSize(info.size())
            .setLastModifiedEpochMillis(info.lastModified().toEpochMilli()));
        added++;
      }
      response.onNext(page.build());
      response.onCompleted();
    } catch (StatusException e) {
      response.onError(e);
    } catch (StoreException e) {
      response.onError(unavailable("cannot list", e));
    }
  }

  @Override
  public void getObject(GetObjectRequest request, StreamObserver<ObjectChunk> response) {
    Caller caller = IdentityInterceptor.currentCaller();
    try {
      String key = ObjectKeys.requireKey(request.getKey());
      authorizer.requireRead(caller, key);
      Optional<StoredObject> object = store.get(key);
      if (object.isEmpty()) {
        throw Status.NOT_FOUND.withDescription("no object " + key + " in bucket " + bucket.bucket()
            + "; list the prefix to see which keys exist").asException();
      }
      ChunkedObjectSender.send((ServerCallStreamObserver<ObjectChunk>) response, object.get());
    } catch (StatusException e) {
      response.onError(e);
    } catch (StoreException e) {
      response.onError(unavailable("cannot read", e));
    }
  }

  private static CallerIdentity identity(Caller caller) {
    return CallerIdentity.newBuilder()
        .setPrincipalArn(caller.principalArn())
        .setAccountId(caller.accountId())
        .setRole(caller.role().id())
        .setName(caller.name())
        .setCertificateSerial(caller.serial())
        .setCertificateExpirationEpochMillis(caller.expiry().toEpochMilli())
        .build();
  }

  private StatusException unavailable(String what, StoreException e) {
    log.warn("{}: {}", what, e.getMessage());
    return Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e).asException();
  }
}
