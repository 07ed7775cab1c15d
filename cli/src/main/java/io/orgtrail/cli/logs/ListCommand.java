package io.orgtrail.cli.logs;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.format.layout.Region;
import io.orgtrail.store.ObjectInfo;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ls", mixinStandardHelpOptions = true,
    description = {
      "Lists the log files and digest files you may read, like 'aws s3 ls --recursive --summarize'.",
      "Exit code 1 when access is refused (the message says why)."
    })
public final class ListCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;
  @Mixin AccessOptions options;

  @Option(names = "--region", description = "Only this region's log files and digests.")
  String region;

  @Override
  public Integer call() throws Exception {
    if (region != null) {
      Region.require(region);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (AccessClient client = options.connect(); GrantedAccess access = GrantedAccess.open(options, client)) {
      List<ObjectInfo> objects = new ArrayList<>();
      for (String prefix : prefixes(access)) {
        objects.addAll(access.store().list(prefix));
      }
      long bytes = 0;
      for (ObjectInfo o : objects) {
        out.printf("%s %10d %s%n", TIME.format(o.lastModified()), o.size(), o.key());
        bytes += o.size();
      }
      out.printf("%nTotal Objects: %d%n   Total Size: %d%n", objects.size(), bytes);
      spec.commandLine().getErr().printf("(%s of s3://%s, read as %s)%n", access.what(), access.grant().getBucket(),
          access.grant().getCaller().getPrincipalArn());
    }
    return ExitCodes.OK;
  }

  private List<String> prefixes(GrantedAccess access) {
    String readable = access.grant().getReadablePrefix();
    if (region == null) {
      return List.of(readable);
    }
    if (access.account().isEmpty()) {
      throw new IllegalArgumentException("--region needs --account: regions are listed per account");
    }
    return List.of(access.layout().logFilePrefix(access.account(), region),
        access.layout().digestPrefix(access.account(), region));
  }
}
