package io.orgtrail.integrity;

import static io.orgtrail.integrity.OrgTrail.A_EAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.store.LocalDirectoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printed output, in the AWS CLI's format. */
class ValidationPrinterTest {
  static final String ARN = "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail";

  @TempDir static Path keyDir;
  static TestKeys keys;

  @TempDir Path storeDir;
  OrgTrail org;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void keys() throws Exception {
    keys = TestKeys.create(keyDir);
  }

  @BeforeEach
  void writeTrail() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(storeDir);
    org = OrgTrail.write(store, LocalStores.deleter(store), keys.first());
  }

  private ValidationReport run(ValidationPrinter.Builder printerBuilder) {
    ValidationPrinter printer = printerBuilder
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .build();
    ValidationRequest request = OrgTrail.request();
    printer.printStartup(OrgTrail.TRAIL.arn(), request.start(), request.end());
    ValidationReport report = org.validator(keys.publicKeys()).listener(printer).build().validate(request);
    printer.printSummary(report);
    return report;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void cleanRunPrintsWhatTheAwsCliPrints() {
    run(ValidationPrinter.builder());

    assertThat(out()).isEqualTo("Validating log files for trail " + ARN
        + " between 2026-03-02T10:00:00Z and 2026-03-02T10:40:00Z\n\n"
        + "Results requested for 2026-03-02T10:00:00Z to 2026-03-02T10:40:00Z\n"
        + "Results found for 2026-03-02T10:00:00Z to 2026-03-02T10:40:00Z:\n\n"
        + "12/12 digest files valid\n"
        + "22/22 log files valid\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void problemsGoToStderrAndTheSummaryCountsThem() throws Exception {
    ChainWriter chain = org.chain(A_EAST);
    String deleted = chain.digest(1).logFileKeys().get(0);
    org.delete(deleted);
    String added = chain.deliverLogFile(OrgTrail.start(2).plus(Duration.ofMinutes(2))).s3Object();

    ValidationReport report = run(ValidationPrinter.builder());

    assertThat(report.isClean()).isFalse();
    assertThat(err()).isEqualTo(
        "Log file\ts3://orgtrail/" + deleted + "\tINVALID: not found\n\n"
            + "Log file\ts3://orgtrail/" + added + "\tINVALID: not listed in any digest\n\n");
    assertThat(out()).endsWith("Results found for 2026-03-02T10:00:00Z to 2026-03-02T10:40:00Z:\n\n"
        + "12/12 digest files valid\n"
        + "21/22 log files valid, 1/22 log files INVALID\n"
        + "\nBeyond the AWS CLI's checks (3 chains):\n"
        + "1 log file not listed in any digest (added)\n");
  }

  @Test
  void verboseAlsoListsValidFiles() throws Exception {
    org.delete(org.chain(A_EAST).digest(1).key());

    run(ValidationPrinter.builder().verbose(true));

    String firstValid = org.chain(OrgTrail.A_WEST).newest().key();
    assertThat(out()).contains("Digest file\ts3://orgtrail/" + firstValid + "\tvalid\n");
    assertThat(out()).contains("Log file\ts3://orgtrail/" + org.chain(A_EAST).digest(0).logFileKeys().get(0)
        + "\tvalid\n");
    // As the AWS CLI: an error after verbose lines is set apart by a blank line before it.
    assertThat(err()).startsWith("\nDigest file\ts3://orgtrail/" + org.chain(A_EAST).digest(1).key()
        + "\tINVALID: not found\n\n");
    assertThat(out()).contains("11/12 digest files valid, 1/12 digest files INVALID");
    assertThat(out()).contains("1 digest file missing (counted above as INVALID)\n");
  }

  @Test
  void noDigestsFound() {
    ValidationPrinter printer = ValidationPrinter.builder()
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).build();
    ValidationReport report = org.validator(keys.publicKeys()).build()
        .validate(ValidationRequest.all(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T00:00:00Z")));

    printer.printSummary(report);

    assertThat(out()).isEqualTo("Results requested for 2020-01-01T00:00:00Z to 2020-01-02T00:00:00Z\n"
        + "No digests found\n");
  }

  @Test
  void progressIsPrintedAtMostOnceASecondWhenAsked() {
    // A clock that moves 300 ms each time it is read: a progress line every fourth result or so.
    SteppingClock clock = new SteppingClock(Duration.ofMillis(300));

    run(ValidationPrinter.builder().progress(true).clock(clock));

    String[] lines = err().split("\n");
    assertThat(lines).allMatch(l -> l.matches("checked \\d+ digests, \\d+ log files \\(now account \\d{12} in "
        + "[a-z0-9-]+\\) \\.\\.\\."));
    // 34 results, the clock read once each (plus once at startup): one line per 4 readings at most.
    assertThat(lines.length).isBetween(5, 9);
    assertThat(err()).contains("checked 12 digests, ");
  }

  @Test
  void noProgressUnlessAsked() {
    run(ValidationPrinter.builder().clock(new SteppingClock(Duration.ofSeconds(5))));

    assertThat(err()).isEmpty();
  }

  /** A fake clock (our seam) that advances a fixed step every time it is read. */
  static final class SteppingClock extends Clock {
    private final Duration step;
    private Instant now = Instant.parse("2026-03-02T12:00:00Z");

    SteppingClock(Duration step) {
      this.step = step;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      now = now.plus(step);
      return now;
    }
  }
}
