package io.orgtrail.e2e;

import io.orgtrail.store.LocalDirectoryStore;
import io.orgtrail.store.ObjectStore;
import java.nio.file.Path;

class LocalStorePipelineTest extends PipelineEndToEndTest {
  @Override
  ObjectStore openStore(Path dir) throws Exception {
    return new LocalDirectoryStore(dir.resolve("bucket"));
  }
}
