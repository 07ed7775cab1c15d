package io.orgtrail.cli.config;

import picocli.CommandLine.Option;

/**
 * The store flags every command that opens the aggregator's bucket takes (a picocli mixin); each overrides the
 * config file's {@code store:} section. Commands add their own bucket flag, named as their users know it.
 */
public final class StoreOptions {
  @Option(names = "--store", description = "local or minio. Default: the config file's store, else local.")
  String type;

  @Option(names = "--store-dir", description = "local store: the bucket directory. Default <data-dir>/bucket.")
  String dir;

  @Option(names = "--minio-endpoint", description = "minio store: endpoint URL, e.g. http://127.0.0.1:9000.")
  String endpoint;

  /** The config file's store section with these flags (and {@code bucket}, when given) applied. */
  public StoreSettings over(StoreSettings file, String bucket) {
    StoreSettings s = file == null ? StoreSettings.EMPTY : file;
    return new StoreSettings(
        YamlFiles.pick(type, s.type()),
        YamlFiles.pick(dir, s.dir()),
        YamlFiles.pick(endpoint, s.endpoint()),
        YamlFiles.pick(bucket, s.bucket()),
        s.accessKey(),
        s.secretKey(),
        s.region());
  }
}
