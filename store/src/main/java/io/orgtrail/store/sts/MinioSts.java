package io.orgtrail.store.sts;

import io.minio.Digest;
import io.minio.Signer;
import io.orgtrail.store.StoreException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * MinIO's STS {@code AssumeRole}: temporary credentials whose rights are the calling user's policies intersected with
 * an inline session policy, enforced by MinIO on every request. The SDK's {@code AssumeRoleProvider} raises any
 * duration under an hour to an hour; this client asks for exactly the duration given (MinIO accepts 15 min to 365
 * days), so short-lived grants stay short.
 */
public final class MinioSts {
  public static final Duration MIN_DURATION = Duration.ofMinutes(15);
  public static final Duration MAX_DURATION = Duration.ofDays(365);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final MediaType FORM = MediaType.parse("application/x-www-form-urlencoded");

  private final HttpUrl endpoint;
  private final String accessKey;
  private final String secretKey;
  private final String region;
  private final Clock clock;
  private final OkHttpClient http;

  private MinioSts(Builder builder) {
    this.endpoint = builder.endpoint;
    this.accessKey = builder.accessKey;
    this.secretKey = builder.secretKey;
    this.region = builder.region;
    this.clock = builder.clock;
    this.http = new OkHttpClient.Builder()
        .connectTimeout(builder.timeout)
        .readTimeout(builder.timeout)
        .writeTimeout(builder.timeout)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param sessionPolicyJson an IAM policy with a Version (at most 2,048 characters), or null for the user's own rights
   * @param duration 15 minutes to 365 days
   */
  public TemporaryCredentials assumeRole(String sessionPolicyJson, Duration duration) throws StoreException {
    Objects.requireNonNull(duration, "duration");
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("credential duration " + duration + " is out of range: MinIO's STS issues "
          + "credentials for 15 minutes to 365 days");
    }
    HttpUrl.Builder form = new HttpUrl.Builder().scheme("http").host("form")
        .addQueryParameter("Action", "AssumeRole")
        .addQueryParameter("Version", "2011-06-15")
        .addQueryParameter("DurationSeconds", Long.toString(duration.toSeconds()));
    if (sessionPolicyJson != null) {
      form.addQueryParameter("Policy", sessionPolicyJson);
    }
    String body = form.build().encodedQuery();
    Response response;
    try {
      Request unsigned = new Request.Builder()
          .url(endpoint)
          .header("Host", hostHeader())
          .header("x-amz-date", AMZ_DATE.format(clock.instant()))
          .post(RequestBody.create(body, FORM))
          .build();
      Request signed = Signer.signV4Sts(unsigned, region, accessKey, secretKey, Digest.sha256Hash(body));
      response = http.newCall(signed).execute();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot compute AWS signatures (HMAC-SHA256/SHA-256): " + e, e);
    } catch (IOException e) {
      throw new StoreException("MinIO's STS at " + endpoint + " is unreachable (" + e.getMessage()
          + "); no credentials were issued", e);
    }
    try (response; ResponseBody responseBody = response.body()) {
      byte[] xml = responseBody == null ? new byte[0] : responseBody.bytes();
      if (!response.isSuccessful()) {
        String error = errorOf(xml);
        throw new StoreException("MinIO's STS at " + endpoint + " refused AssumeRole for access key " + accessKey
            + " (HTTP " + response.code() + (error == null ? "" : ", " + error) + ")"
            + hint(response.code()));
      }
      return StsResponse.parse(xml).credentials();
    } catch (IOException e) {
      throw new StoreException("MinIO's STS at " + endpoint + " sent an unusable AssumeRole answer: "
          + e.getMessage(), e);
    }
  }

  private static String errorOf(byte[] xml) {
    try {
      return StsResponse.parse(xml).error();
    } catch (IOException e) {
      return null;
    }
  }

  private static String hint(int status) {
    return status == 403
        ? "; check the access key and secret the aggregator uses for STS (a user's own keys, not temporary ones)"
        : "";
  }

  private String hostHeader() {
    boolean defaultPort = (endpoint.scheme().equals("http") && endpoint.port() == 80)
        || (endpoint.scheme().equals("https") && endpoint.port() == 443);
    return defaultPort ? endpoint.host() : endpoint.host() + ":" + endpoint.port();
  }

  public String endpoint() {
    return endpoint.toString();
  }

  /** Settings of a {@link MinioSts}: endpoint and the credentials of a (non-temporary) MinIO user are required. */
  public static final class Builder {
    private HttpUrl endpoint;
    private String accessKey;
    private String secretKey;
    private String region = "us-east-1";
    private Clock clock = Clock.systemUTC();
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The MinIO server, e.g. {@code http://127.0.0.1:9000}: MinIO serves STS on its S3 port. */
    public Builder endpoint(String endpoint) {
      HttpUrl url = endpoint == null ? null : HttpUrl.parse(endpoint);
      if (url == null) {
        throw new IllegalArgumentException("STS endpoint must be an http(s) URL like http://127.0.0.1:9000, got '"
            + endpoint + "'");
      }
      this.endpoint = url.newBuilder().encodedPath("/").build();
      return this;
    }

    public Builder credentials(String accessKey, String secretKey) {
      if (accessKey == null || accessKey.isEmpty() || secretKey == null || secretKey.isEmpty()) {
        throw new IllegalArgumentException("STS needs the access key and secret key of a MinIO user");
      }
      this.accessKey = accessKey;
      this.secretKey = secretKey;
      return this;
    }

    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Signs requests with this clock's time (MinIO refuses signatures more than 15 minutes off its own). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public MinioSts build() {
      if (endpoint == null || accessKey == null) {
        throw new IllegalArgumentException("STS needs an endpoint and a MinIO user's credentials");
      }
      return new MinioSts(this);
    }
  }
}
