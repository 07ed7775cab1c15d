package io.orgtrail.agent.source.directory;

import java.nio.file.Path;

/** A file as one particular version of it: the same path with another size or mtime is a different file. */
record FileIdentity(Path path, long size, long modifiedMillis) {}
