package io.orgtrail.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrincipalTest {
  @Test
  void parsesTheCliForms() {
    assertThat(Principal.parse("111122223333")).isEqualTo(new Principal(Principal.Type.AWS, "arn:aws:iam::111122223333:root"));
    assertThat(Principal.parse("arn:aws:iam::111122223333:role/x").accountId()).contains("111122223333");
    assertThat(Principal.parse("service:cloudtrail.amazonaws.com")).isEqualTo(Principal.service("cloudtrail.amazonaws.com"));
    assertThat(Principal.parse("*")).isEqualTo(Principal.anonymous());
    assertThat(Principal.parse("anonymous").accountId()).isEmpty();
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> Principal.parse("alice")).hasMessageContaining("principal 'alice' is not understood");
    assertThatThrownBy(() -> Principal.aws("arn:aws:iam")).hasMessageContaining("is not an AWS principal");
    assertThatThrownBy(() -> Principal.parse("service:")).hasMessageContaining("needs a name");
  }

  @Test
  void requestsNeedAnActionAndAResource() {
    assertThatThrownBy(() -> AccessRequest.builder().resource("arn:aws:s3:::b").build()).hasMessageContaining("needs an action");
    assertThatThrownBy(() -> AccessRequest.builder().action("s3:GetObject").build()).hasMessageContaining("needs a resource");
    AccessRequest r = AccessRequest.builder().action("s3:GetObject").resource("arn:aws:s3:::b/k")
        .context("aws:TagKeys", "a").context("aws:TagKeys", "b").build();
    assertThat(r.principal()).isEqualTo(Principal.anonymous());
    assertThat(r.context()).containsEntry("aws:TagKeys", java.util.List.of("a", "b"));
  }
}
