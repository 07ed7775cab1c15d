package io.orgtrail.bench.micro;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** A gzip stream at a chosen deflate level, set up as {@code LogFileAssembler} sets up its own. */
final class LevelGzipOutputStream extends GZIPOutputStream {
  LevelGzipOutputStream(OutputStream out, int bufferSize, int level) throws IOException {
    super(out, bufferSize);
    def.setLevel(level);
  }
}
