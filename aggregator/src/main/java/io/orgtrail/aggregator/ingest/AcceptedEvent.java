package io.orgtrail.aggregator.ingest;

import java.time.Instant;

/**
 * An event that passed every check: its position in the batch, its exact bytes, its eventTime (for the file's time
 * span), and where it goes.
 */
record AcceptedEvent(int index, byte[] bytes, Instant eventTime, Route route) {}
