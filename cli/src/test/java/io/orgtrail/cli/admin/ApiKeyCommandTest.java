package io.orgtrail.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.cli.OrgtrailCommand;
import io.orgtrail.cloudtrailapi.auth.ApiCaller;
import io.orgtrail.cloudtrailapi.auth.ApiKeysFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ApiKeyCommandTest {
  private static final Pattern EXPORT = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+) AWS_SECRET_ACCESS_KEY=(\\S+)");

  @TempDir Path dir;

  private Matcher run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new OrgtrailCommand());
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute(args)).isZero();
    Matcher m = EXPORT.matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    return m;
  }

  @Test
  void addsAwsShapedKeysThatTheAggregatorAcceptsWithTheirScope() throws Exception {
    Path file = dir.resolve("api-keys.json");
    Matcher platform = run("admin", "api-key", "--file", file.toString(), "--name", "platform-team");
    Matcher member = run("admin", "api-key", "--file", file.toString(), "--name", "alice", "--account",
        "111122223333");

    assertThat(platform.group(1)).matches("AKIA[A-Z2-7]{16}");
    assertThat(platform.group(2)).hasSize(40);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    ApiKeysFile keys = ApiKeysFile.load(file);
    ApiCaller p = keys.find(platform.group(1)).orElseThrow();
    assertThat(p.secretAccessKey()).isEqualTo(platform.group(2));
    assertThat(p.seesEveryAccount()).isTrue();
    ApiCaller m = keys.find(member.group(1)).orElseThrow();
    assertThat(m.name()).isEqualTo("alice");
    assertThat(m.accounts()).containsExactly("111122223333");
  }

  @Test
  void aBadAccountIsUsageErrorAndTheFileIsUntouched() {
    Path file = dir.resolve("api-keys.json");
    assertThat(io.orgtrail.cli.Main.run("admin", "api-key", "--file", file.toString(), "--name", "x", "--account",
        "12345")).isEqualTo(2);
    assertThat(file).doesNotExist();
  }
}
