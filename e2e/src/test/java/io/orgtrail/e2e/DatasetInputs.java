package io.orgtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgtrail.cli.datasets.RecordedDatasets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Recorded datasets rewritten to test accounts, written where agents pick them up; remembers what was sent. */
final class DatasetInputs {
  final RecordedDatasets datasets;
  final List<String> sentEventIds = new ArrayList<>();

  DatasetInputs() {
    Path root = RecordedDatasets.locate(null, Map.copyOf(System.getenv()), Path.of(""))
        .orElseThrow(() -> new AssertionError("the datasets (datasets/ or shared/datasets) were not found above " + Path.of("").toAbsolutePath()
            + "; set ORGTRAIL_DATASETS"));
    this.datasets = new RecordedDatasets(root);
  }

  List<Path> files(String folder) throws IOException {
    List<Path> files = datasets.files(folder);
    assertThat(files).as("dataset folder %s", folder).isNotEmpty();
    return files;
  }

  /** Writes {@code sources} rewritten for {@code account} into {@code inbox} under {@code extension}; returns the count of records. */
  int dropInto(Path inbox, String account, List<Path> sources, boolean gzipEveryOther, String extension) throws IOException {
    Files.createDirectories(inbox);
    int records = 0;
    for (int i = 0; i < sources.size(); i++) {
      RecordedDatasets.Rewritten r = datasets.rewrite(sources.get(i), account);
      boolean gzip = gzipEveryOther && i % 2 == 1;
      String name = sources.get(i).getFileName().toString().replace(".json", "") + extension + (gzip ? ".gz" : "");
      Path tmp = inbox.resolve("." + name + ".tmp");
      try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(tmp)) : Files.newOutputStream(tmp)) {
        out.write(r.content());
      }
      Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      sentEventIds.addAll(r.eventIds());
      records += r.records();
    }
    return records;
  }
}
