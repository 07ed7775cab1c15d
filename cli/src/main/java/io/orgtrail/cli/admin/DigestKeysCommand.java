package io.orgtrail.cli.admin;

import io.orgtrail.cli.ExitCodes;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.digest.SigningKeyRing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "digest-keys",
    mixinStandardHelpOptions = true,
    description = "The RSA keys that sign digest files: list them, rotate to a new one, export the public keys.",
    subcommands = {DigestKeysCommand.List.class, DigestKeysCommand.Rotate.class, DigestKeysCommand.Export.class})
public final class DigestKeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void print(PrintWriter out, java.util.List<PublicKeyInfo> keys) {
    out.printf("%-32s  %-20s  %-20s%n", "FINGERPRINT", "VALID FROM", "VALID UNTIL");
    for (PublicKeyInfo k : keys) {
      out.printf("%-32s  %-20s  %-20s%n", k.fingerprint(), k.validFrom(),
          k.validUntil() == null ? "(active)" : k.validUntil().toString());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every key ever used, with its validity window.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true, description = "The digest key file (the aggregator's digestKeyFile).")
    Path keys;

    @Override
    public Integer call() throws IOException {
      print(spec.commandLine().getOut(), SigningKeyRing.load(keys).publicKeys());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Retires the active key now and makes a new one active (a missing file gets its first key).",
        "A running aggregator signs with the new key from its next digest on; the old key stays listed for "
            + "validating the digests it signed. Its private half is deleted."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true, description = "The digest key file (the aggregator's digestKeyFile).")
    Path keys;

    @Override
    public Integer call() throws IOException {
      Clock clock = Clock.systemUTC();
      SecureRandom random = new SecureRandom();
      SigningKeyRing ring = Files.exists(keys)
          ? SigningKeyRing.load(keys).rotate(clock, random)
          : SigningKeyRing.loadOrCreate(keys, clock, random);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("now signing with %s%n", ring.active().fingerprint());
      print(out, ring.publicKeys());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Writes the public keys for auditors: public-keys.json (the shape of aws cloudtrail "
          + "list-public-keys, for 'orgtrail validate-logs --public-keys'), and <fingerprint>.pem / .der (PKCS#1).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true, description = "The digest key file (the aggregator's digestKeyFile).")
    Path keys;

    @Option(names = "--out", required = true, description = "Directory to write the public keys into.")
    Path out;

    @Override
    public Integer call() throws IOException {
      java.util.List<Path> written = PublicKeyExport.write(SigningKeyRing.load(keys).publicKeys(), out);
      written.forEach(p -> spec.commandLine().getOut().println(p));
      return ExitCodes.OK;
    }
  }
}
