package io.orgtrail.cloudtrailapi;

import java.time.Instant;

/**
 * What GetTrailStatus reports. Every time is optional (null = not reported); an error is null when the last
 * attempt succeeded.
 *
 * @param isLogging whether the trail is delivering
 * @param startLoggingTime when logging last started
 * @param latestDeliveryTime when the last log file was delivered
 * @param latestDigestDeliveryTime when the last digest file was delivered
 * @param latestDeliveryError why the last log file delivery failed
 * @param latestDigestDeliveryError why the last digest delivery failed
 */
public record TrailStatus(
    boolean isLogging,
    Instant startLoggingTime,
    Instant latestDeliveryTime,
    Instant latestDigestDeliveryTime,
    String latestDeliveryError,
    String latestDigestDeliveryError) {

  /** Logging, with nothing else known yet. */
  public static TrailStatus logging() {
    return new TrailStatus(true, null, null, null, null, null);
  }

  public TrailStatus withStartLoggingTime(Instant time) {
    return new TrailStatus(isLogging, time, latestDeliveryTime, latestDigestDeliveryTime, latestDeliveryError,
        latestDigestDeliveryError);
  }

  public TrailStatus withLatestDeliveryTime(Instant time) {
    return new TrailStatus(isLogging, startLoggingTime, time, latestDigestDeliveryTime, latestDeliveryError,
        latestDigestDeliveryError);
  }

  public TrailStatus withLatestDigestDeliveryTime(Instant time) {
    return new TrailStatus(isLogging, startLoggingTime, latestDeliveryTime, time, latestDeliveryError,
        latestDigestDeliveryError);
  }

  public TrailStatus withLatestDeliveryError(String error) {
    return new TrailStatus(isLogging, startLoggingTime, latestDeliveryTime, latestDigestDeliveryTime, error,
        latestDigestDeliveryError);
  }

  public TrailStatus withLatestDigestDeliveryError(String error) {
    return new TrailStatus(isLogging, startLoggingTime, latestDeliveryTime, latestDigestDeliveryTime,
        latestDeliveryError, error);
  }
}
