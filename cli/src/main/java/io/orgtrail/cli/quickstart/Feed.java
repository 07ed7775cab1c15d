package io.orgtrail.cli.quickstart;

import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.cli.datasets.RecordedDatasets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What one quickstart agent is fed, and how to tell that its sources have handed everything over. */
interface Feed {
  String account();

  String describe();

  /** Adds this feed's sources to the agent's configuration. */
  void configure(AgentConfig.Builder config, Path agentDir);

  /** Hands the events to the running agent (files into its directory, calls to its HTTP endpoint). */
  void feed(Agent agent) throws IOException, InterruptedException;

  /** True once every source of this feed has handed over all of its events. */
  boolean sourcesDrained(AgentStats stats);

  /** Three accounts, one per source kind, each with its own recorded dataset. */
  static List<Feed> plan(RecordedDatasets datasets, long generated) {
    return List.of(
        new DirectoryFeed("111111111111", datasets, "invictus-aws-dataset", "CloudTrail log files"),
        new DirectoryFeed("222222222222", datasets, "stratus-red-team", "JSON arrays"),
        new HttpAndGeneratorFeed("333333333333", datasets, "otrf-security-datasets", generated));
  }
}
