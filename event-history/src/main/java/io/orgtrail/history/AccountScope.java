package io.orgtrail.history;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whose events a caller may see: every account (the platform, the management account) or a set of accounts (a
 * member account's admins). The API derives it from the caller's credentials, never from the request.
 */
public final class AccountScope {
  private static final AccountScope ALL = new AccountScope(null);

  private final Set<String> accounts;

  private AccountScope(Set<String> accounts) {
    this.accounts = accounts;
  }

  public static AccountScope all() {
    return ALL;
  }

  /** Only these accounts; an empty set sees nothing. */
  public static AccountScope accounts(Set<String> accountIds) {
    return new AccountScope(java.util.Collections.unmodifiableSet(new TreeSet<>(accountIds)));
  }

  public static AccountScope account(String accountId) {
    return accounts(Set.of(accountId));
  }

  /** The accounts in scope (sorted), or empty for all accounts. */
  public Optional<Set<String>> accountIds() {
    return Optional.ofNullable(accounts);
  }

  public boolean isAll() {
    return accounts == null;
  }

  /** A stable text form, part of what a NextToken is bound to. */
  String canonical() {
    return accounts == null ? "*" : String.join(",", accounts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountScope other && java.util.Objects.equals(accounts, other.accounts);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(accounts);
  }

  @Override
  public String toString() {
    return accounts == null ? "all accounts" : "accounts " + accounts;
  }
}
