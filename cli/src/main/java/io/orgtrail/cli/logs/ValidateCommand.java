package io.orgtrail.cli.logs;

import io.orgtrail.access.client.AccessClient;
import io.orgtrail.cli.ExitCodes;
import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.Times;
import io.orgtrail.cli.validate.PrintedValidation;
import io.orgtrail.integrity.ValidationPrinter;
import io.orgtrail.integrity.ValidationRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {
      "Validates the log files and digest files you may read, as 'orgtrail validate-logs' does, with the trail's "
          + "public keys from the aggregator.",
      "Exit code 0 when everything is valid, 1 when anything is not (see the lines marked INVALID) or access is refused."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Mixin AccessOptions options;

  @Option(names = "--start-time", description = "Validate log files delivered on or after this UTC time. Default: all.")
  String startTime;

  @Option(names = "--end-time", description = "... and on or before this one. Default now.")
  String endTime;

  @Option(names = "--region", split = ",", description = "Region(s) to validate. Default every region found.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--witness", description = "Chain heads an agent kept (its <state>/witness/); shows digests deleted "
      + "from the end of a chain.")
  List<Path> witnesses = new ArrayList<>();

  @Option(names = "--verbose", description = "Also print every valid digest and log file.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Instant start = startTime == null ? Instant.EPOCH : Times.parse(startTime, "--start-time");
    Instant end = endTime == null ? Instant.now() : Times.parse(endTime, "--end-time");
    if (start.isAfter(end)) {
      throw new ConfigException("--start-time " + start + " is after --end-time " + end);
    }
    try (AccessClient client = options.connect(); GrantedAccess access = GrantedAccess.open(options, client)) {
      Set<String> accounts = access.account().isEmpty() ? Set.of() : Set.of(access.account());
      ValidationPrinter printer = ValidationPrinter.builder().verbose(verbose).progress(System.console() != null).build();
      boolean clean = PrintedValidation.run(access.store(), access.layout(), access.trail(), access.publicKeys(),
          PrintedValidation.witnesses(witnesses), new ValidationRequest(accounts, Set.copyOf(regions), start, end),
          printer);
      return clean ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
