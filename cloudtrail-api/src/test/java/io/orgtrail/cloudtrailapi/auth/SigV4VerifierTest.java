package io.orgtrail.cloudtrailapi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Against AWS's published SigV4 test suite ("get-vanilla"): key AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1. */
class SigV4VerifierTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String VANILLA_SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  private static final ApiCaller CALLER = new ApiCaller("example", SECRET, Optional.empty(), Set.of("111122223333"));
  private static final Clock AT_SIGNING = Clock.fixed(Instant.parse("2015-08-30T12:36:30Z"), ZoneOffset.UTC);

  private static SignedRequest vanilla(String signature) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("example.amazonaws.com"));
    headers.put("X-Amz-Date", List.of("20150830T123600Z"));
    headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature));
    return new SignedRequest("GET", "/", "", headers, new byte[0]);
  }

  private static SigV4Verifier verifier(Clock clock) {
    return new SigV4Verifier(key -> key.equals("AKIDEXAMPLE") ? Optional.of(CALLER) : Optional.empty(), clock);
  }

  @Test
  void acceptsAwsReferenceSignatureAndNamesTheCaller() throws Exception {
    assertThat(verifier(AT_SIGNING).verify(vanilla(VANILLA_SIGNATURE))).isEqualTo(CALLER);
  }

  @Test
  void refusesAnotherSignature() {
    assertThatThrownBy(() -> verifier(AT_SIGNING).verify(vanilla(VANILLA_SIGNATURE.replace('5', '6'))))
        .isInstanceOfSatisfying(SignatureException.class,
            e -> assertThat(e.type()).isEqualTo("InvalidSignatureException"));
  }

  @Test
  void refusesAnUnknownKeyAnUnsignedRequestAndAnOldSignature() {
    SigV4Verifier nobody = new SigV4Verifier(ApiCredentials.NONE, AT_SIGNING);
    assertThatThrownBy(() -> nobody.verify(vanilla(VANILLA_SIGNATURE)))
        .isInstanceOfSatisfying(SignatureException.class,
            e -> assertThat(e.type()).isEqualTo("UnrecognizedClientException"))
        .hasMessageContaining("AKIDEXAMPLE");
    assertThatThrownBy(() -> nobody.verify(new SignedRequest("POST", "/", "", Map.of(), new byte[0])))
        .isInstanceOfSatisfying(SignatureException.class,
            e -> assertThat(e.type()).isEqualTo("MissingAuthenticationTokenException"));
    Clock later = Clock.fixed(Instant.parse("2015-08-30T13:00:00Z"), ZoneOffset.UTC);
    assertThatThrownBy(() -> verifier(later).verify(vanilla(VANILLA_SIGNATURE)))
        .hasMessageContaining("Signature expired");
  }

  @Test
  void aTemporaryKeyNeedsItsSessionToken() {
    ApiCaller temporary = new ApiCaller("t", SECRET, Optional.of("token-1"), Set.of());
    SigV4Verifier v = new SigV4Verifier(key -> Optional.of(temporary), AT_SIGNING);
    assertThatThrownBy(() -> v.verify(vanilla(VANILLA_SIGNATURE)))
        .isInstanceOfSatisfying(SignatureException.class,
            e -> assertThat(e.type()).isEqualTo("UnrecognizedClientException"))
        .hasMessageContaining("session token");
  }
}
