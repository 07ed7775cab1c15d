package io.orgtrail.cli.config;

/**
 * Where log files go, as written in a config file's {@code store:} section.
 *
 * @param type {@code local} (a directory; the embedded default) or {@code minio} (any S3-compatible endpoint)
 * @param dir for {@code local}: the directory that plays the bucket
 * @param endpoint for {@code minio}: e.g. {@code http://127.0.0.1:9000}
 * @param bucket for {@code minio}: created when missing; for {@code local}: the bucket name digests give it
 *     (default {@code orgtrail})
 * @param accessKey for {@code minio}; or env ORGTRAIL_MINIO_ACCESS_KEY
 * @param secretKey for {@code minio}; or env ORGTRAIL_MINIO_SECRET_KEY
 * @param region for {@code minio}: the bucket's region (default us-east-1)
 */
public record StoreSettings(
    String type, String dir, String endpoint, String bucket, String accessKey, String secretKey, String region) {
  public static final StoreSettings EMPTY = new StoreSettings(null, null, null, null, null, null, null);
}
