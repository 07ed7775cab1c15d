package io.orgtrail.policy.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WildcardTest {
  @Test
  void starsAndQuestionMarks() {
    assertThat(Wildcard.of("a*c", false).matches("abbbc")).isTrue();
    assertThat(Wildcard.of("a*c", false).matches("ac")).isTrue();
    assertThat(Wildcard.of("a?c", false).matches("ac")).isFalse();
    assertThat(Wildcard.of("*", false).matches("")).isTrue();
    assertThat(Wildcard.of("", false).matches("x")).isFalse();
    assertThat(Wildcard.of("S3:get*", true).matches("s3:GetObject")).isTrue();
    assertThat(Wildcard.of("S3:get*", false).matches("s3:GetObject")).isFalse();
  }

  @Test
  void hostilePatternsStayFast() {
    String text = "a".repeat(20_000);
    Wildcard pattern = Wildcard.of("*a*a*a*a*a*a*a*a*a*a*b", false);

    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(pattern.matches(text)).isFalse());
  }

  @Test
  void substitutedTextIsLiteral() {
    Optional<List<Piece>> pieces = PolicyVariables.resolve("home/${aws:username}/*", key -> Optional.of("a*"));

    Wildcard w = Wildcard.of(pieces.orElseThrow(), false);

    assertThat(w.matches("home/a*/x")).isTrue();
    assertThat(w.matches("home/abc/x")).isFalse();
  }

  @Test
  void variablesWithDefaultsAndEscapes() {
    assertThat(PolicyVariables.resolve("${aws:username , 'nobody'}-${$}${?}", key -> Optional.empty()).map(PolicyVariables::join))
        .contains("nobody-$?");
    assertThat(PolicyVariables.resolve("${aws:username}", key -> Optional.empty())).isEmpty();
    assertThat(PolicyVariables.resolve("${not a variable}", key -> Optional.empty()).map(PolicyVariables::join))
        .contains("${not a variable}");
  }
}
