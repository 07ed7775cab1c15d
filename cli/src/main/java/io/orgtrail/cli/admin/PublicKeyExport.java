package io.orgtrail.cli.admin;

import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.PublicKeySet;
import io.orgtrail.format.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Public digest keys as files an auditor can use with any tool: JSON (ListPublicKeys shape), PEM and DER. */
public final class PublicKeyExport {
  public static final String KEY_SET_FILE = "public-keys.json";

  private PublicKeyExport() {}

  public static List<Path> write(List<PublicKeyInfo> keys, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Path set = dir.resolve(KEY_SET_FILE);
    PublicKeySet.write(set, keys);
    written.add(set);
    for (PublicKeyInfo k : keys) {
      Path pem = dir.resolve(k.fingerprint() + ".pem");
      AtomicFiles.write(pem, k.pem().getBytes(StandardCharsets.US_ASCII));
      Path der = dir.resolve(k.fingerprint() + ".der");
      AtomicFiles.write(der, k.pkcs1Der());
      written.add(pem);
      written.add(der);
    }
    return written;
  }
}
