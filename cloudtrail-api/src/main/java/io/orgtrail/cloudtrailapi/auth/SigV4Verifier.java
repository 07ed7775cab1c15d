package io.orgtrail.cloudtrailapi.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...}) the way AWS does: the canonical request rebuilt from what arrived, the signing key derived from
 * the caller's secret, date, region and service, and the request's time within 15 minutes of ours. Operations that
 * show events call it; the public metadata operations do not need it.
 */
public final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final ApiCredentials credentials;
  private final Clock clock;

  public SigV4Verifier(ApiCredentials credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  /** The caller whose key signed {@code request}, or why the signature does not hold. */
  public ApiCaller verify(SignedRequest request) throws SignatureException {
    String authorization = header(request, "authorization").orElseThrow(() -> new SignatureException(
        "MissingAuthenticationTokenException", "the request is not signed: send it with AWS credentials "
            + "(SigV4) that orgtrail accepts, e.g. those of `orgtrail logs env`"));
    if (!authorization.startsWith(ALGORITHM + " ")) {
      throw new SignatureException("IncompleteSignatureException",
          "only " + ALGORITHM + " signatures are accepted, not '" + first(authorization, 20) + "'");
    }
    Map<String, String> parts = parts(authorization.substring(ALGORITHM.length() + 1));
    String credential = required(parts, "Credential");
    String signedHeaders = required(parts, "SignedHeaders");
    String signature = required(parts, "Signature");
    String[] scope = credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
      throw new SignatureException("IncompleteSignatureException",
          "Credential must be <key>/<date>/<region>/<service>/aws4_request, not '" + first(credential, 80) + "'");
    }
    ApiCaller caller = credentials.find(scope[0]).orElseThrow(() -> new SignatureException(
        "UnrecognizedClientException", "The security token included in the request is invalid: access key "
            + first(scope[0], 32) + " is not one orgtrail issued or was configured with"));
    String amzDate = header(request, "x-amz-date").orElseThrow(() -> new SignatureException(
        "IncompleteSignatureException", "the signed request has no X-Amz-Date header"));
    checkTime(amzDate, scope[1]);
    if (caller.sessionToken().isPresent()
        && !caller.sessionToken().get().equals(header(request, "x-amz-security-token").orElse(null))) {
      throw new SignatureException("UnrecognizedClientException",
          "The security token included in the request is invalid: access key " + scope[0]
              + " is temporary and needs its session token (X-Amz-Security-Token)");
    }
    String canonical = canonicalRequest(request, signedHeaders);
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope[1] + "/" + scope[2] + "/" + scope[3]
        + "/aws4_request\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + caller.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, "aws4_request");
    String expected = hex(hmac(key, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new SignatureException("InvalidSignatureException", "The request signature we calculated does not "
          + "match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }
    return caller;
  }

  private void checkTime(String amzDate, String scopeDate) throws SignatureException {
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new SignatureException("IncompleteSignatureException",
          "X-Amz-Date '" + first(amzDate, 32) + "' is not a time such as 20250131T120000Z");
    }
    if (!amzDate.startsWith(scopeDate)) {
      throw new SignatureException("InvalidSignatureException",
          "the credential scope's date " + scopeDate + " is not the day of X-Amz-Date " + amzDate);
    }
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new SignatureException("InvalidSignatureException", "Signature expired: " + amzDate
          + " is more than 15 minutes from the server's time " + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC))
          + "; check the client's clock");
    }
  }

  static String canonicalRequest(SignedRequest r, String signedHeaders) throws SignatureException {
    StringBuilder headers = new StringBuilder();
    for (String name : signedHeaders.split(";")) {
      List<String> values = values(r, name);
      if (values.isEmpty()) {
        throw new SignatureException("IncompleteSignatureException",
            "the signed header '" + first(name, 64) + "' is not in the request");
      }
      List<String> trimmed = new ArrayList<>();
      for (String v : values) {
        trimmed.add(v.strip().replaceAll(" +", " "));
      }
      headers.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    String payload = values(r, "x-amz-content-sha256").stream().findFirst()
        .filter(h -> !h.startsWith("UNSIGNED")).orElse(hex(sha256(r.body())));
    return r.method() + "\n" + canonicalPath(r.rawPath()) + "\n" + canonicalQuery(r.rawQuery()) + "\n"
        + headers + "\n" + signedHeaders + "\n" + payload;
  }

  /** Each segment decoded then encoded once, as for every service but S3. */
  private static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder b = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        b.append('/');
      }
      b.append(encode(decode(segments[i])));
    }
    return b.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = encode(decode(eq < 0 ? pair : pair.substring(0, eq)));
      String v = eq < 0 ? "" : encode(decode(pair.substring(eq + 1)));
      sorted.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    List<String> out = new ArrayList<>();
    sorted.forEach((k, vs) -> vs.stream().sorted().forEach(v -> out.add(k + "=" + v)));
    return String.join("&", out);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes. */
  private static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xff));
      }
    }
    return b.toString();
  }

  private static List<String> values(SignedRequest r, String lowerName) {
    for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
      if (e.getKey().equalsIgnoreCase(lowerName)) {
        return e.getValue();
      }
    }
    return List.of();
  }

  private static Optional<String> header(SignedRequest r, String lowerName) {
    return values(r, lowerName).stream().findFirst();
  }

  private static Map<String, String> parts(String s) {
    Map<String, String> parts = new TreeMap<>();
    for (String part : s.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      }
    }
    return parts;
  }

  private static String required(Map<String, String> parts, String name) throws SignatureException {
    String v = parts.get(name);
    if (v == null || v.isEmpty()) {
      throw new SignatureException("IncompleteSignatureException", "the Authorization header has no " + name);
    }
    return v;
  }

  private static String first(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n) + "...";
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
