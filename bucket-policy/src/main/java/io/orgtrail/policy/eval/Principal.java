package io.orgtrail.policy.eval;

import io.orgtrail.format.layout.AccountId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks: an AWS principal ARN (role, user, assumed-role session, account root), a service, or anonymous.
 *
 * @param type which kind of principal
 * @param id the ARN for {@link Type#AWS} (an account id is kept as {@code arn:aws:iam::<id>:root}), the service name
 *     for {@link Type#SERVICE}, {@code "*"} for {@link Type#ANONYMOUS}
 */
public record Principal(Type type, String id) {
  /** The kinds of principal a request can come from. */
  public enum Type {
    AWS,
    SERVICE,
    ANONYMOUS
  }

  public Principal {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }

  /** An AWS principal: an ARN such as {@code arn:aws:iam::111122223333:role/x}, or a 12-digit account id. */
  public static Principal aws(String arnOrAccountId) {
    if (AccountId.isValid(arnOrAccountId)) {
      return new Principal(Type.AWS, "arn:aws:iam::" + arnOrAccountId + ":root");
    }
    if (arnOrAccountId == null || !arnOrAccountId.startsWith("arn:") || arnOrAccountId.split(":", -1).length < 6) {
      throw new IllegalArgumentException(
          "principal '" + arnOrAccountId + "' is not an AWS principal: give an ARN such as"
              + " arn:aws:iam::111122223333:role/auditor or a 12-digit account id");
    }
    return new Principal(Type.AWS, arnOrAccountId);
  }

  /** A service principal such as {@code cloudtrail.amazonaws.com}. */
  public static Principal service(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a service principal needs a name, such as cloudtrail.amazonaws.com");
    }
    return new Principal(Type.SERVICE, name);
  }

  /** A request without credentials. */
  public static Principal anonymous() {
    return new Principal(Type.ANONYMOUS, "*");
  }

  /** The CLI form: an ARN, a 12-digit account id, {@code service:NAME}, {@code *} or {@code anonymous}. */
  public static Principal parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("principal is empty: " + FORMS);
    }
    if (text.equals("*") || text.equals("anonymous")) {
      return anonymous();
    }
    if (text.startsWith("service:")) {
      return service(text.substring("service:".length()));
    }
    if (AccountId.isValid(text) || text.startsWith("arn:")) {
      return aws(text);
    }
    throw new IllegalArgumentException("principal '" + text + "' is not understood: " + FORMS);
  }

  private static final String FORMS =
      "give an ARN (arn:aws:iam::111122223333:role/auditor), a 12-digit account id, service:NAME"
          + " (service:cloudtrail.amazonaws.com), * or anonymous";

  /** The account of an AWS principal (the ARN's fifth field). */
  public Optional<String> accountId() {
    if (type != Type.AWS) {
      return Optional.empty();
    }
    String[] parts = id.split(":", 6);
    return parts.length >= 5 && AccountId.isValid(parts[4]) ? Optional.of(parts[4]) : Optional.empty();
  }

  @Override
  public String toString() {
    return switch (type) {
      case AWS -> id;
      case SERVICE -> "service:" + id;
      case ANONYMOUS -> "anonymous";
    };
  }
}
