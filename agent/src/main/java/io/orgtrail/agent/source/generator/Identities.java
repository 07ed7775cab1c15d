package io.orgtrail.agent.source.generator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The callers of generated events: IAM users, assumed roles (people through SSO, pipelines) and, rarely, root. */
final class Identities {
  enum Kind { IAM_USER, ASSUMED_ROLE, ROOT }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> USERS = List.of("alice", "bob", "deploy-bot", "carol.ops", "terraform");
  private static final List<String> ROLES = List.of(
      "AWSReservedSSO_AdministratorAccess_4f2c1d7e9a3b5c60", "AWSReservedSSO_ReadOnly_0b9e8d7c6a5f4e31",
      "ci-deploy", "lambda-orders-processor", "eks-node-group");
  private static final List<String> SESSIONS = List.of("alice@example.com", "bob@example.com", "gh-actions-1842",
      "i-0a1b2c3d4e5f60718", "1718000000000000000");

  private Identities() {}

  /** Mostly assumed roles and users, like a real account; root now and then. */
  static Kind anyKind(Draw d) {
    int n = d.between(0, 100);
    return n < 55 ? Kind.ASSUMED_ROLE : n < 97 ? Kind.IAM_USER : Kind.ROOT;
  }

  static ObjectNode of(Kind kind, Draw d, String eventTime) {
    ObjectNode id = NODES.objectNode();
    switch (kind) {
      case IAM_USER -> {
        String user = d.pick(USERS);
        id.put("type", "IAMUser")
            .put("principalId", "AIDA" + d.upper(17))
            .put("arn", "arn:aws:iam::" + d.account + ":user/" + user)
            .put("accountId", d.account)
            .put("accessKeyId", "AKIA" + d.upper(16))
            .put("userName", user);
      }
      case ASSUMED_ROLE -> {
        String role = d.pick(ROLES);
        String session = d.pick(SESSIONS);
        String roleId = "AROA" + d.upper(17);
        id.put("type", "AssumedRole")
            .put("principalId", roleId + ":" + session)
            .put("arn", "arn:aws:sts::" + d.account + ":assumed-role/" + role + "/" + session)
            .put("accountId", d.account)
            .put("accessKeyId", "ASIA" + d.upper(16));
        ObjectNode ctx = id.putObject("sessionContext");
        ctx.putObject("sessionIssuer")
            .put("type", "Role")
            .put("principalId", roleId)
            .put("arn", "arn:aws:iam::" + d.account + ":role/" + role)
            .put("accountId", d.account)
            .put("userName", role);
        ctx.putObject("webIdFederationData");
        ctx.putObject("attributes").put("creationDate", eventTime).put("mfaAuthenticated", "false");
      }
      case ROOT -> id.put("type", "Root")
          .put("principalId", d.account)
          .put("arn", "arn:aws:iam::" + d.account + ":root")
          .put("accountId", d.account)
          .put("accessKeyId", "ASIA" + d.upper(16));
    }
    return id;
  }
}
