package io.orgtrail.aggregator.afterdelivery;

import io.orgtrail.format.logfile.LogFile;

/** A log file that is durable in the store: where it is, whose it is, and its content as it was put. */
public record DeliveredLogFile(String bucket, String key, String accountId, String region, LogFile content) {}
