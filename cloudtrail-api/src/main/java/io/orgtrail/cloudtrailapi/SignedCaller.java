package io.orgtrail.cloudtrailapi;

import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.cloudtrailapi.auth.SigV4Verifier;
import io.orgtrail.cloudtrailapi.auth.SignatureException;

/** Who signed a request, as the operations on events and selectors require; AWS's error when nobody we know did. */
final class SignedCaller {
  private SignedCaller() {}

  static ApiCaller of(ApiRequest request, SigV4Verifier verifier) {
    try {
      return verifier.verify(request.signed());
    } catch (SignatureException e) {
      throw new ApiException(e.type().equals("MissingAuthenticationTokenException") ? 403 : 400, e.type(),
          e.getMessage());
    }
  }
}
