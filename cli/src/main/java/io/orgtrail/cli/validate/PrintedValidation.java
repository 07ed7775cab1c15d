package io.orgtrail.cli.validate;

import io.orgtrail.format.digest.ChainHead;
import io.orgtrail.format.digest.PublicKeyInfo;
import io.orgtrail.format.layout.TrailLayout;
import io.orgtrail.format.layout.TrailName;
import io.orgtrail.integrity.LogValidator;
import io.orgtrail.integrity.ValidationPrinter;
import io.orgtrail.integrity.ValidationRequest;
import io.orgtrail.integrity.Witnesses;
import io.orgtrail.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One validation as {@code validate-logs} prints it: the startup line, each finding as it comes, the summary. */
public final class PrintedValidation {
  private PrintedValidation() {}

  /** Returns whether everything was valid (exit code 0). */
  public static boolean run(ObjectStore store, TrailLayout layout, TrailName trail, List<PublicKeyInfo> keys,
      List<ChainHead> witnesses, ValidationRequest request, ValidationPrinter printer) {
    printer.printStartup(trail.arn(), request.start(), request.end());
    var report = LogValidator.builder()
        .store(store)
        .layout(layout)
        .trail(trail)
        .publicKeys(keys)
        .witnesses(witnesses)
        .listener(printer)
        .build()
        .validate(request);
    printer.printSummary(report);
    return report.isClean();
  }

  /** The chain heads in each witness file or directory (an agent's {@code <stateDir>/witness}). */
  public static List<ChainHead> witnesses(List<Path> paths) throws IOException {
    List<ChainHead> heads = new ArrayList<>();
    for (Path p : paths) {
      heads.addAll(Witnesses.read(p));
    }
    return heads;
  }
}
