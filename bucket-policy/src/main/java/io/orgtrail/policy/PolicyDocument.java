package io.orgtrail.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A parsed S3/IAM policy document. Immutable. */
public final class PolicyDocument {
  private final String version;
  private final boolean versionDeclared;
  private final String id;
  private final List<Statement> statements;

  private PolicyDocument(String version, boolean versionDeclared, String id, List<Statement> statements) {
    if (!PolicyVersion.ALL.contains(version)) {
      throw new IllegalArgumentException("policy Version \"" + version + "\" is not supported: use " + PolicyVersion.V2012_10_17);
    }
    this.version = version;
    this.versionDeclared = versionDeclared;
    this.id = id;
    this.statements = List.copyOf(statements);
    if (this.statements.isEmpty()) {
      throw new IllegalArgumentException("a policy needs at least one statement");
    }
    Set<String> sids = new HashSet<>();
    for (Statement s : this.statements) {
      if (s.sid() != null && !sids.add(s.sid())) {
        throw new IllegalArgumentException("two statements have the Sid \"" + s.sid() + "\": give each statement its own Sid");
      }
    }
  }

  /** A policy under Version 2012-10-17 (the one to use for anything new). */
  public static PolicyDocument of(List<Statement> statements) {
    return new PolicyDocument(PolicyVersion.V2012_10_17, true, null, statements);
  }

  public static PolicyDocument of(Statement... statements) {
    return of(List.of(statements));
  }

  /** A policy with an explicit version and optional id. */
  public static PolicyDocument of(String version, String id, List<Statement> statements) {
    return new PolicyDocument(version, true, id, statements);
  }

  static PolicyDocument parsed(String version, boolean versionDeclared, String id, List<Statement> statements) {
    return new PolicyDocument(version, versionDeclared, id, statements);
  }

  /**
   * Parses policy JSON. Duplicate keys, unknown elements, unknown condition operators and the other mistakes AWS
   * refuses are errors that say which statement and field, and what to do.
   */
  public static PolicyDocument parse(String json) throws InvalidPolicyException {
    return new PolicyParser().parse(json);
  }

  /** "2012-10-17" or "2008-10-17" (the latter also when the document has no Version, as AWS assumes). */
  public String version() {
    return version;
  }

  /** False when the document had no Version element (AWS then assumes 2008-10-17, without policy variables). */
  public boolean versionDeclared() {
    return versionDeclared;
  }

  /** Whether {@code ${...}} in resources and condition values are policy variables (Version 2012-10-17). */
  public boolean substitutesVariables() {
    return PolicyVersion.V2012_10_17.equals(version);
  }

  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  public List<Statement> statements() {
    return statements;
  }

  /**
   * Compact JSON in AWS's element order (Version, Id, Statement[Sid, Effect, Principal, Action, Resource, Condition]);
   * parse(toJson()) is equal in meaning; MinIO accepts it as a session policy.
   */
  public String toJson() {
    return PolicyWriter.compact(this);
  }

  /** The same JSON, indented by two spaces. */
  public String toPrettyJson() {
    return PolicyWriter.pretty(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyDocument other
        && version.equals(other.version)
        && Objects.equals(id, other.id)
        && statements.equals(other.statements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, id, statements);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
