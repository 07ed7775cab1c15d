package io.orgtrail.history;

/**
 * The "User name" CloudTrail's event history shows (and LookupEvents' {@code Username} attribute matches), derived
 * from the record's userIdentity:
 *
 * <ul>
 *   <li>{@code IAMUser}: userIdentity.userName;
 *   <li>{@code AssumedRole}: the role session name, the last segment of userIdentity.arn
 *       ({@code arn:aws:sts::111122223333:assumed-role/Admin/alice} gives {@code alice});
 *   <li>{@code Root}: userIdentity.userName when present, otherwise {@code root};
 *   <li>{@code AWSService}: userIdentity.invokedBy (e.g. {@code cloudtrail.amazonaws.com});
 *   <li>anything else (FederatedUser, IdentityCenterUser, AWSAccount, SAMLUser, ...): userIdentity.userName,
 *       otherwise principalId.
 * </ul>
 *
 * Each rule falls back to principalId when its field is missing, so that an event with an identity always has a
 * name to look it up by. A record without userIdentity has no username.
 */
final class HistoryUsername {
  private HistoryUsername() {}

  static String of(UserIdentity id) {
    if (id == null) {
      return null;
    }
    String type = id.type() == null ? "" : id.type();
    String name = switch (type) {
      case "IAMUser" -> id.userName();
      case "AssumedRole" -> sessionName(id);
      case "Root" -> id.userName() != null ? id.userName() : "root";
      case "AWSService" -> id.invokedBy();
      default -> id.userName();
    };
    return nonEmpty(name) ? name : nonEmpty(id.principalId()) ? id.principalId() : null;
  }

  private static String sessionName(UserIdentity id) {
    if (nonEmpty(id.arn())) {
      String arn = id.arn();
      return arn.substring(arn.lastIndexOf('/') + 1);
    }
    // principalId of an assumed role is "<role id>:<session name>"
    String principal = id.principalId();
    return principal == null ? null : principal.substring(principal.indexOf(':') + 1);
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
