package io.orgtrail.agent.ship;

import java.util.function.Consumer;

/** The most recent problem any part of the pipeline ran into, for the agent's stats. */
public final class LastError implements Consumer<String> {
  private volatile String message;

  @Override
  public void accept(String problem) {
    this.message = problem;
  }

  /** The most recent problem, or null when there was none; it may be resolved by now. */
  public String get() {
    return message;
  }
}
