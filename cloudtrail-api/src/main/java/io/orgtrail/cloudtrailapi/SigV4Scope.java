package io.orgtrail.cloudtrailapi;

import java.util.Optional;

/**
 * The region a SigV4-signed request was signed for, read from its credential scope
 * ({@code Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...}). The
 * signature itself is not checked (see {@link CloudTrailApiServer}); the region only decides which trails a
 * region-scoped call such as DescribeTrails without shadow trails sees.
 */
final class SigV4Scope {
  private static final String CREDENTIAL = "Credential=";

  private SigV4Scope() {}

  static Optional<String> region(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    int start = authorization.indexOf(CREDENTIAL);
    if (start < 0) {
      return Optional.empty();
    }
    start += CREDENTIAL.length();
    int end = authorization.indexOf(',', start);
    String[] scope = authorization.substring(start, end < 0 ? authorization.length() : end).trim().split("/");
    return scope.length == 5 && !scope[2].isEmpty() ? Optional.of(scope[2]) : Optional.empty();
  }
}
