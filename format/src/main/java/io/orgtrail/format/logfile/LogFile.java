package io.orgtrail.format.logfile;

import java.time.Instant;

/**
 * One assembled CloudTrail log file.
 *
 * @param gzipped the object's bytes: gzip of {@code {"Records":[...]}}
 * @param uncompressedSha256Hex SHA-256 of the uncompressed JSON, as digest files list it
 * @param oldestEventTime earliest eventTime among the records
 * @param newestEventTime latest eventTime among the records
 * @param recordCount how many records it holds
 */
public record LogFile(
    byte[] gzipped, String uncompressedSha256Hex, Instant oldestEventTime, Instant newestEventTime, int recordCount) {}
