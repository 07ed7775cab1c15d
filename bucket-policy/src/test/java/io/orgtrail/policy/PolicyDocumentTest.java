package io.orgtrail.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyDocumentTest {
  private static final Path POLICIES = Path.of("src/test/resources/policies");

  static Stream<Path> validPolicies() throws IOException {
    try (Stream<Path> files = Files.list(POLICIES)) {
      return files.filter(p -> !p.getFileName().toString().startsWith("bad-")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("validPolicies")
  void toJsonParsesBackToTheSamePolicy(Path file) throws Exception {
    PolicyDocument policy = PolicyDocument.parse(Files.readString(file));

    assertThat(PolicyDocument.parse(policy.toJson())).isEqualTo(policy);
    assertThat(PolicyDocument.parse(policy.toPrettyJson())).isEqualTo(policy);
    assertThat(policy.toJson()).doesNotContain("\n", ": ");
  }

  @Test
  void writesElementsInAwsOrderWhateverTheInputOrder() throws Exception {
    String json =
        """
        {"Statement": [{"Condition": {"StringLike": {"s3:prefix": ["a/", "a/*"]}}, "Resource": "arn:aws:s3:::b",
          "Action": "s3:ListBucket", "Principal": {"AWS": "111122223333"}, "Effect": "Allow", "Sid": "List"}],
         "Id": "p1", "Version": "2012-10-17"}
        """;

    PolicyDocument policy = PolicyDocument.parse(json);

    assertThat(policy.toJson())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Id\":\"p1\",\"Statement\":[{\"Sid\":\"List\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\","
                + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"a/\",\"a/*\"]}}}]}");
    assertThat(policy.toPrettyJson())
        .startsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"p1\",\n  \"Statement\": [\n    {\n      \"Sid\": \"List\",");
  }

  @Test
  void readsTheParts() throws Exception {
    PolicyDocument policy =
        PolicyDocument.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {"Service": ["a.amazonaws.com"]},
             "NotAction": ["s3:Get*", "s3:List*"], "NotResource": "arn:aws:s3:::b/*",
             "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["x*", 5, true]}}}}
            """);

    assertThat(policy.version()).isEqualTo("2012-10-17");
    assertThat(policy.id()).isEmpty();
    Statement s = policy.statements().get(0);
    assertThat(s.sid()).isNull();
    assertThat(s.effect()).isEqualTo(Effect.DENY);
    assertThat(s.principal().negated()).isTrue();
    assertThat(s.principal().ids("Service")).containsExactly("a.amazonaws.com");
    assertThat(s.action()).isEqualTo(ActionElement.not("s3:Get*", "s3:List*"));
    assertThat(s.resource()).isEqualTo(ResourceElement.not("arn:aws:s3:::b/*"));
    assertThat(s.conditions()).hasSize(1);
    assertThat(s.conditions().get(0).operator().name()).isEqualTo("ForAnyValue:StringLikeIfExists");
    assertThat(s.conditions().get(0).values()).containsExactly("x*", "5", "true");
  }

  @Test
  void aPolicyWithoutVersionIsTheOldVersion() throws Exception {
    PolicyDocument policy =
        PolicyDocument.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}");

    assertThat(policy.version()).isEqualTo(PolicyVersion.V2008_10_17);
    assertThat(policy.versionDeclared()).isFalse();
    assertThat(policy.substitutesVariables()).isFalse();
  }

  @Test
  void invalidPolicyExceptionGivesItsParts() {
    assertThatThrownBy(
            () -> PolicyDocument.parse(
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                    + " {\"Sid\": \"ReadOwn\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                    + " \"Condition\": {\"StringLikee\": {\"s3:prefix\": \"a\"}}}]}"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.location()).isEqualTo("Statement[1] (Sid \"ReadOwn\").Condition.StringLikee");
              assertThat(e.problem()).isEqualTo("unknown condition operator \"StringLikee\"");
              assertThat(e.remedy()).startsWith("did you mean StringLike?");
            });
  }

  @Test
  void emptyInputIsInvalid() {
    assertThatThrownBy(() -> PolicyDocument.parse("  "))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("the policy is empty");
  }

  @Test
  void builtPoliciesAreCheckedLikeParsedOnes() {
    Statement a = Statement.allow().sid("Same").action("s3:GetObject").resource("*").build();
    Statement b = Statement.deny().sid("Same").action("s3:PutObject").resource("*").build();

    assertThatThrownBy(() -> PolicyDocument.of(a, b)).hasMessageContaining("Sid \"Same\"");
    assertThatThrownBy(() -> PolicyDocument.of(List.of())).hasMessageContaining("at least one statement");
    assertThatThrownBy(
            () -> Statement.allow().action("s3:GetObject").resource("*")
                .condition("StringEquals", "s3:prefix", "a").condition("StringEquals", "S3:Prefix", "b").build())
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> Statement.allow().action("s3:GetObject").resource("*").condition("StringEqual", "k", "v"))
        .hasMessageContaining("unknown condition operator \"StringEqual\"");
  }
}
