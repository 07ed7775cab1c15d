package io.orgtrail.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryUsernameTest {
  @Test
  void namesAsTheEventHistoryShowsThem() {
    assertThat(HistoryUsername.of(new UserIdentity("IAMUser", "pedro", "arn:aws:iam::1:user/pedro", "AIDA", null,
        null))).isEqualTo("pedro");
    assertThat(HistoryUsername.of(new UserIdentity("AssumedRole", null,
        "arn:aws:sts::1:assumed-role/Admin/alice", "AROA:alice", null, null))).isEqualTo("alice");
    assertThat(HistoryUsername.of(new UserIdentity("AssumedRole", null, null, "AROA:i-0317", null, null)))
        .isEqualTo("i-0317");
    assertThat(HistoryUsername.of(new UserIdentity("Root", null, "arn:aws:iam::1:root", "1", null, null)))
        .isEqualTo("root");
    assertThat(HistoryUsername.of(new UserIdentity("Root", "admin-alias", null, "1", null, null)))
        .isEqualTo("admin-alias");
    assertThat(HistoryUsername.of(new UserIdentity("AWSService", null, null, null, "ec2.amazonaws.com", null)))
        .isEqualTo("ec2.amazonaws.com");
    assertThat(HistoryUsername.of(new UserIdentity("FederatedUser", null, null, "1:bob", null, null)))
        .isEqualTo("1:bob");
    assertThat(HistoryUsername.of(null)).isNull();
  }
}
