package io.orgtrail.access.identity;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a certificate holder may read: a member account's admins read their own account, the platform team all. */
public enum Role {
  /** Reads its own account's logs only. */
  MEMBER_ADMIN("member-admin"),
  /** Reads every account's logs. */
  PLATFORM("platform");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  /** The name certificates, ARNs and the CLI use, e.g. {@code member-admin}. */
  public String id() {
    return id;
  }

  /**
   * The role named {@code id} exactly (case-sensitive, as in the role ARN).
   *
   * @throws IllegalArgumentException naming the valid roles
   */
  public static Role parse(String id) {
    for (Role role : values()) {
      if (role.id.equals(id)) {
        return role;
      }
    }
    throw new IllegalArgumentException("role '" + id + "' is not valid: use "
        + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(" or "))
        + " (member-admin reads its own account's logs, platform reads every account's)");
  }

  @Override
  public String toString() {
    return id;
  }
}
