package io.orgtrail.aggregator.access;

import io.orgtrail.access.server.CredentialIssuer;
import java.util.Objects;

/**
 * How member admins' read access is issued when the store is S3-compatible: temporary credentials from
 * {@code issuer} (MinIO's STS) to be used against {@code s3Endpoint}, the address clients reach the store at (which
 * may differ from the one the aggregator uses, e.g. behind a proxy or outside a compose network).
 */
public record ReadCredentials(CredentialIssuer issuer, String s3Endpoint, String region) {
  public ReadCredentials {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    Objects.requireNonNull(region, "region");
  }
}
