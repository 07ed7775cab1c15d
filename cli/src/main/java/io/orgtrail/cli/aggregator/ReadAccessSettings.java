package io.orgtrail.cli.aggregator;

import io.orgtrail.aggregator.access.AccessSettings;
import io.orgtrail.aggregator.access.ReadCredentials;
import io.orgtrail.cli.aggregator.AggregatorSettings.AccessFileSettings;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.HostPort;
import io.orgtrail.cli.config.StoreSettings;
import io.orgtrail.cli.config.YamlFiles;
import io.orgtrail.store.MinioStore;
import io.orgtrail.store.ObjectStore;
import io.orgtrail.store.sts.MinioSts;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the {@code access:} section and its flags into the aggregator's read access settings. */
final class ReadAccessSettings {
  private static final Logger log = LoggerFactory.getLogger(ReadAccessSettings.class);

  /** The access service's address and TLS files, or null when it is not configured. */
  AccessSettings settings(AccessFileSettings file, String listenFlag, Path tlsDirFlag) {
    AccessFileSettings f = file == null ? AccessFileSettings.EMPTY : file;
    String listen = YamlFiles.pick(listenFlag, f.listen());
    if (listen == null) {
      return null;
    }
    HostPort address = HostPort.parse(listen, "access.listen");
    Path tlsDir = YamlFiles.pick(tlsDirFlag, f.tlsDir() == null ? null : Path.of(f.tlsDir()));
    Path certificate = file(f.certificate(), tlsDir, "server.pem");
    Path key = file(f.privateKey(), tlsDir, "server-key.pem");
    Path ca = file(f.clientCa(), tlsDir, "ca.pem");
    if (certificate == null || key == null || ca == null) {
      throw new ConfigException("access.listen is set, so the access service needs its TLS files: set --access-tls-dir "
          + "(or access.tlsDir) to the directory 'orgtrail admin issue-cert --server' wrote, or access.certificate, "
          + "access.privateKey and access.clientCa");
    }
    return new AccessSettings(address.host(), address.port(), certificate, key, ca);
  }

  /** On MinIO: read credentials from its STS, in the name of the configured reader (or the store's own user). */
  ReadCredentials credentials(AccessFileSettings file, String s3EndpointFlag, StoreSettings storeSettings,
      ObjectStore store, Map<String, String> env) {
    if (!(store instanceof MinioStore minio)) {
      return null;
    }
    AccessFileSettings f = file == null ? AccessFileSettings.EMPTY : file;
    String accessKey = YamlFiles.pick(f.stsAccessKey(), env.get("ORGTRAIL_STS_ACCESS_KEY"));
    String secretKey = YamlFiles.pick(f.stsSecretKey(), env.get("ORGTRAIL_STS_SECRET_KEY"));
    if (accessKey == null || secretKey == null) {
      accessKey = YamlFiles.pick(storeSettings.accessKey(), env.get("ORGTRAIL_MINIO_ACCESS_KEY"));
      secretKey = YamlFiles.pick(storeSettings.secretKey(), env.get("ORGTRAIL_MINIO_SECRET_KEY"));
      log.warn("read credentials are issued in the name of the store's own MinIO user; their session policies limit "
          + "them to reading, but a reader user is safer: see 'orgtrail admin minio-reader'");
    }
    String region = storeSettings.region() == null ? "us-east-1" : storeSettings.region();
    MinioSts sts = MinioSts.builder().endpoint(minio.endpoint()).credentials(accessKey, secretKey).region(region).build();
    return new ReadCredentials(sts::assumeRole, YamlFiles.pick(s3EndpointFlag, f.s3Endpoint(), minio.endpoint()), region);
  }

  private static Path file(String explicit, Path dir, String name) {
    if (explicit != null) {
      return Path.of(explicit);
    }
    return dir == null ? null : dir.resolve(name);
  }
}
