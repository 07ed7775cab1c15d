package io.orgtrail.cli.policy;

import io.orgtrail.cli.ExitCodes;
import io.orgtrail.policy.InvalidPolicyException;
import io.orgtrail.policy.PolicyDocument;
import io.orgtrail.policy.eval.AccessRequest;
import io.orgtrail.policy.eval.Decision;
import io.orgtrail.policy.eval.DecidingStatement;
import io.orgtrail.policy.eval.PolicyEvaluator;
import io.orgtrail.policy.eval.Principal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Decides a request against policies as AWS does (an explicit Deny wins, otherwise an Allow is needed) and "
          + "prints the decision first, in the AWS policy simulator's words (allowed, explicitDeny, implicitDeny), "
          + "then which statement decided and why.",
      "aws:CurrentTime and aws:EpochTime are now unless given with --context; aws:PrincipalArn, "
          + "aws:PrincipalAccount and aws:username come from --principal."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:allowed", "1:denied (explicitly or implicitly)", "2:an invalid policy (the error is printed) or bad usage"})
public final class PolicyEvalCommand implements Callable<Integer> {
  private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9]+");

  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "A policy JSON file; repeat for several policies.")
  List<Path> policies = new ArrayList<>();

  @Option(names = "--action", required = true, description = "The action, e.g. s3:GetObject.")
  String action;

  @Option(names = "--resource", required = true, paramLabel = "ARN", description = "The resource, e.g. arn:aws:s3:::bucket/key.")
  String resource;

  @Option(names = "--principal", paramLabel = "P", description = "Who asks: an ARN, a 12-digit account id, service:NAME (e.g. "
      + "service:cloudtrail.amazonaws.com), or anonymous (the default).")
  String principal = "anonymous";

  @Option(names = "--context", paramLabel = "KEY=VALUE", description = "A condition key's value, e.g. s3:prefix=AWSLogs/; "
      + "repeat a key for a multi-valued key.")
  List<String> context = new ArrayList<>();

  private final Clock clock;

  public PolicyEvalCommand() {
    this(Clock.systemUTC());
  }

  PolicyEvalCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      AccessRequest request = request();
      List<PolicyDocument> documents = new ArrayList<>();
      for (Path file : policies) {
        try {
          documents.add(PolicyFiles.parse(file));
        } catch (InvalidPolicyException e) {
          err.println("orgtrail policy eval: " + file + ": invalid policy: " + e.getMessage());
          return ExitCodes.USAGE;
        }
      }
      Decision decision = new PolicyEvaluator(clock).evaluate(documents, request);
      out.println(decision.verdict().simulatorName());
      out.println("decided by: " + decision.decidedBy().map(this::describe).orElse("no statement (nothing allows the request)"));
      out.println("why: " + decision.explanation());
      if (policies.size() > 1) {
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
          legend.add("policy[" + i + "] is " + policies.get(i));
        }
        out.println("policies: " + String.join(", ", legend));
      }
      return decision.allowed() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (PolicyFiles.Unreadable | IllegalArgumentException e) {
      err.println("orgtrail policy eval: " + e.getMessage());
      return ExitCodes.USAGE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private String describe(DecidingStatement d) {
    return policies.get(d.policyIndex()) + " " + d.describe();
  }

  private AccessRequest request() {
    if (!ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("--action '" + action + "' is not service:action, such as s3:GetObject");
    }
    if (!resource.startsWith("arn:")) {
      throw new IllegalArgumentException("--resource '" + resource + "' is not an ARN, such as arn:aws:s3:::bucket/key");
    }
    AccessRequest.Builder b = AccessRequest.builder().principal(Principal.parse(principal)).action(action).resource(resource);
    for (String pair : context) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--context '" + pair + "' is not KEY=VALUE, such as s3:prefix=AWSLogs/");
      }
      b.context(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return b.build();
  }
}
