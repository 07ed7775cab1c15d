package io.orgtrail.cli.policy;

import io.orgtrail.cli.ExitCodes;
import io.orgtrail.policy.InvalidPolicyException;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.PolicyWarnings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Checks policy files: each is valid (with its statement count) or gets its precise error (which statement, "
          + "which field, why, what to do). Warns about policy variables AWS would not substitute (Version "
          + "2008-10-17 or no Version) and session policies (no Principal) over 2,048 characters."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is a valid policy", "1:some file is not a valid policy", "2:a file is missing or unreadable"})
public final class PolicyLintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy JSON files.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean invalid = false;
    boolean unreadable = false;
    for (Path file : files) {
      try {
        PolicyDocument policy = PolicyFiles.parse(file);
        int n = policy.statements().size();
        out.println(file + ": valid (" + n + (n == 1 ? " statement" : " statements") + ")");
        for (String warning : PolicyWarnings.of(policy)) {
          out.println(file + ": warning: " + warning);
        }
      } catch (InvalidPolicyException e) {
        invalid = true;
        out.println(file + ": invalid: " + e.getMessage());
      } catch (PolicyFiles.Unreadable e) {
        unreadable = true;
        err.println("orgtrail policy lint: " + e.getMessage());
      }
    }
    out.flush();
    err.flush();
    return unreadable ? ExitCodes.USAGE : invalid ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
