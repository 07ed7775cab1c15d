package io.orgtrail.cli.logs;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.access.client.GrantedStore;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.PublicKeySet;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.proto.v1.ReadAccessGrant;
import io.orgtrail.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** A grant and what it opens: the readable store, the trail's layout, its digest keys. */
record GrantedAccess(ReadAccessGrant grant, ObjectStore store) implements AutoCloseable {

  static GrantedAccess open(AccessOptions options, AccessClient client) throws Exception {
    ReadAccessGrant grant = options.grant(client);
    return new GrantedAccess(grant, GrantedStore.open(grant, client));
  }

  /** The granted account, or empty when the grant covers every account. */
  String account() {
    return grant.getAccountId();
  }

  TrailLayout layout() {
    return new TrailLayout(grant.getKeyPrefix(), grant.getOrgId());
  }

  TrailName trail() {
    return TrailName.fromArn(grant.getTrailArn());
  }

  List<PublicKeyInfo> publicKeys() {
    return PublicKeySet.parse(grant.getPublicKeysJson().getBytes(StandardCharsets.UTF_8));
  }

  Instant expiration() {
    return Instant.ofEpochMilli(grant.getExpirationEpochMillis());
  }

  String what() {
    return grant.getAccountId().isEmpty() ? "every account" : "account " + grant.getAccountId();
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
