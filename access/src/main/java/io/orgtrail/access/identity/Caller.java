package io.orgtrail.access.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * Who is calling, as their client certificate says.
 *
 * @param principalArn e.g. {@code arn:aws:iam::111122223333:role/member-admin}; what the read policies see
 * @param accountId the 12-digit account the certificate names
 * @param role what the holder may read
 * @param name who holds the certificate (its common name), e.g. {@code alice}
 * @param serial the certificate's serial number in lower-case hex, for audit logs
 * @param expiry when the certificate stops being valid
 */
public record Caller(String principalArn, String accountId, Role role, String name, String serial, Instant expiry) {

  public Caller {
    Objects.requireNonNull(principalArn, "principalArn");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(expiry, "expiry");
  }

  /** E.g. {@code arn:aws:iam::111122223333:role/member-admin (alice)}, the way messages and logs name a caller. */
  public String describe() {
    return principalArn + " (" + name + ")";
  }
}
