package io.orgtrail.bench.common;

import io.orgtrail.cli.config.ConfigException;
import io.orgtrail.cli.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Durations as the orgtrail CLI reads them (500ms, 15s, 1m, PT1M), so that the benchmarks take the same words. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value, "duration");
    } catch (ConfigException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
