package io.orgtrail.cloudtrailapi.auth;

import java.util.List;
import java.util.Map;

/**
 * What of an HTTP request its SigV4 signature covers.
 *
 * @param headers every header, names in any case, values as received
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
    byte[] body) {}
