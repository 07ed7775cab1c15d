package io.orgtrail.cli.quickstart;

import io.orgtrail.agent.Agent;
import io.orgtrail.agent.AgentConfig;
import io.orgtrail.agent.AgentStats;
import io.orgtrail.cli.datasets.RecordedDatasets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Drops a dataset's files (rewritten to the account) into the agent's watched directory; every other one gzipped. */
final class DirectoryFeed implements Feed {
  private final String account;
  private final RecordedDatasets datasets;
  private final String folder;
  private final String shape;
  private Path inbox;
  private int files;

  DirectoryFeed(String account, RecordedDatasets datasets, String folder, String shape) {
    this.account = account;
    this.datasets = datasets;
    this.folder = folder;
    this.shape = shape;
  }

  @Override
  public String account() {
    return account;
  }

  @Override
  public String describe() {
    return "watched directory " + inbox + " <- " + folder + " (" + shape + ", .json and .json.gz)";
  }

  @Override
  public void configure(AgentConfig.Builder config, Path agentDir) {
    inbox = agentDir.resolve("inbox");
    config.watchDir(inbox);
  }

  @Override
  public void feed(Agent agent) throws IOException {
    Files.createDirectories(inbox);
    List<Path> sources = datasets.files(folder);
    for (int i = 0; i < sources.size(); i++) {
      Path source = sources.get(i);
      RecordedDatasets.Rewritten r = datasets.rewrite(source, account);
      boolean gzip = i % 2 == 1;
      String name = source.getFileName().toString().replace(".json", "") + (gzip ? ".json.gz" : ".json");
      // Written under a dot-name and renamed, so the agent never sees a half-written file.
      Path tmp = inbox.resolve("." + name + ".tmp");
      try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(tmp)) : Files.newOutputStream(tmp)) {
        out.write(r.content());
      }
      Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
    files = sources.size();
  }

  @Override
  public boolean sourcesDrained(AgentStats stats) {
    return stats.filesFinished() >= files && stats.filesPending() == 0;
  }
}
