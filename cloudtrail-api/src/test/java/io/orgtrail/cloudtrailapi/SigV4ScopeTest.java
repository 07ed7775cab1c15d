package io.orgtrail.cloudtrailapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigV4ScopeTest {
  @Test
  void readsTheRegionOfTheCredentialScope() {
    String botocore = "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20250310/eu-west-1/cloudtrail/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc123";

    assertThat(SigV4Scope.region(botocore)).hasValue("eu-west-1");
  }

  @Test
  void saysNothingForAnUnsignedOrMalformedRequest() {
    assertThat(SigV4Scope.region(null)).isEmpty();
    assertThat(SigV4Scope.region("Bearer token")).isEmpty();
    assertThat(SigV4Scope.region("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20250310, Signature=x")).isEmpty();
  }
}
