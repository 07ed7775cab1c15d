package io.orgtrail.cloudtrailapi.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Who may sign API requests with an access key, and what they may see.
 *
 * @param name who it is, for logs and errors, e.g. {@code arn:aws:iam::111122223333:role/member-admin (alice)}
 * @param secretAccessKey the secret the request's signature is checked with
 * @param sessionToken the token a temporary credential must send ({@code X-Amz-Security-Token}), if it has one
 * @param accounts the accounts whose events the caller sees; empty for every account (the platform)
 */
public record ApiCaller(String name, String secretAccessKey, Optional<String> sessionToken, Set<String> accounts) {
  public ApiCaller {
    accounts = Set.copyOf(accounts);
  }

  public boolean seesEveryAccount() {
    return accounts.isEmpty();
  }
}
