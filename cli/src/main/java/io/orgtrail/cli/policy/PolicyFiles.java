package io.orgtrail.cli.policy;

import io.orgtrail.policy.InvalidPolicyException;
import io.orgtrail.policy.PolicyDocument;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads policy files, telling a file that cannot be read (usage) from one that is not a valid policy. */
final class PolicyFiles {
  /** The file cannot be read: a usage error. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  private PolicyFiles() {}

  static String read(Path file) throws Unreadable {
    if (!Files.exists(file)) {
      throw new Unreadable(file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new Unreadable(file + ": not a regular file");
    }
    try {
      return Files.readString(file);
    } catch (MalformedInputException e) {
      throw new Unreadable(file + ": not UTF-8 text; a policy is a JSON file");
    } catch (IOException e) {
      throw new Unreadable(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  static PolicyDocument parse(Path file) throws Unreadable, InvalidPolicyException {
    return PolicyDocument.parse(read(file));
  }
}
