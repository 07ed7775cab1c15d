package io.orgtrail.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgtrail.policy.InvalidPolicyException;
import io.orgtrail.policy.PolicyDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every line of {@code evaluation-cases.tsv}: a new case is a new line there. */
class EvaluationTableTest {
  static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private final PolicyEvaluator evaluator = new PolicyEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));

  /** One line of the table. */
  record Case(String name, List<String> policyFiles, String principal, String action, String resource, String context,
      String expected, String sid) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String line : resource("evaluation-cases.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 8) {
        throw new IllegalStateException("evaluation-cases.tsv: expected 8 tab-separated columns in: " + line);
      }
      Case c = new Case(f[0], Arrays.asList(f[1].split(",")), f[2], f[3], f[4], f[5], f[6], f[7]);
      cases.add(Arguments.of(c.name(), c));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluates(String name, Case c) {
    if (c.expected().startsWith("invalid:")) {
      String[] words = c.expected().substring("invalid:".length()).split(" ");
      assertThat(c.policyFiles()).as("an invalid case names one policy").hasSize(1);
      assertThatThrownBy(() -> PolicyDocument.parse(policy(c.policyFiles().get(0))))
          .isInstanceOf(InvalidPolicyException.class)
          .satisfies(e -> {
            for (String word : words) {
              assertThat(e.getMessage()).as("error message").containsIgnoringCase(word);
            }
          });
      return;
    }
    List<PolicyDocument> policies = new ArrayList<>();
    for (String file : c.policyFiles()) {
      try {
        policies.add(PolicyDocument.parse(policy(file)));
      } catch (InvalidPolicyException e) {
        throw new AssertionError(file + " should be valid: " + e.getMessage(), e);
      }
    }
    Decision decision = evaluator.evaluate(policies, request(c));
    assertThat(decision.verdict().simulatorName()).as(decision.explanation()).isEqualTo(c.expected());
    assertThat(decision.allowed()).isEqualTo(c.expected().equals("allowed"));
    if (c.expected().equals("implicitDeny")) {
      assertThat(decision.decidedBy()).isEmpty();
    } else {
      assertThat(decision.decidedBy()).isPresent();
      if (!c.sid().equals("-")) {
        assertThat(decision.decidedBy().get().sid()).as(decision.explanation()).isEqualTo(c.sid());
      }
      assertThat(decision.explanation()).contains(decision.decidedBy().get().describe());
    }
  }

  private static AccessRequest request(Case c) {
    AccessRequest.Builder b =
        AccessRequest.builder()
            .principal(c.principal().equals("-") ? Principal.anonymous() : Principal.parse(c.principal()))
            .action(c.action())
            .resource(c.resource());
    if (!c.context().equals("-")) {
      for (String pair : c.context().split(";")) {
        int eq = pair.indexOf('=');
        b.context(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return b.build();
  }

  static String policy(String file) {
    return resource("policies/" + file);
  }

  static String resource(String name) {
    try (InputStream in = EvaluationTableTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
