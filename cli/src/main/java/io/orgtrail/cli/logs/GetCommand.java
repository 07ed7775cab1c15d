package io.orgtrail.cli.logs;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.UserFacingException;
import io.orgtrail.store.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = {
      "Reads one log file or digest file (a key as 'orgtrail logs ls' prints it) and writes its JSON, "
          + "decompressed, to standard output or --out.",
      "Exit code 1 when it does not exist or access is refused."
    })
public final class GetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AccessOptions options;

  @Parameters(index = "0", paramLabel = "KEY", description = "The object key, e.g. AWSLogs/o-.../111122223333/CloudTrail/...json.gz")
  String key;

  @Option(names = {"-o", "--out"}, description = "Write to this file instead of standard output.")
  Path out;

  @Option(names = "--raw", description = "Write the stored bytes as they are (gzip), not decompressed.")
  boolean raw;

  @Override
  public Integer call() throws Exception {
    try (AccessClient client = options.connect(); GrantedAccess access = GrantedAccess.open(options, client)) {
      StoredObject object = access.store().get(key).orElseThrow(() -> new UserFacingException(
          "s3://" + access.grant().getBucket() + "/" + key + " does not exist; list what there is with 'orgtrail logs ls'"));
      byte[] content = raw || !key.endsWith(".gz") ? object.content() : gunzip(object.content(), key);
      if (out != null) {
        Files.write(out, content);
        spec.commandLine().getErr().printf("wrote %d bytes to %s%n", content.length, out);
      } else {
        spec.commandLine().getOut().flush();
        OutputStream stdout = System.out;
        stdout.write(content);
        stdout.flush();
      }
    }
    return ExitCodes.OK;
  }

  private static byte[] gunzip(byte[] gzipped, String key) throws UserFacingException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UserFacingException(key + " is not valid gzip (" + e.getMessage() + "); fetch it with --raw to "
          + "inspect the stored bytes, and check it with 'orgtrail logs validate'");
    }
  }
}
