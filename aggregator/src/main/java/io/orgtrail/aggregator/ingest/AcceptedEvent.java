package io.orgtrail.aggregator.ingest;

/**
 * An event that passed every check: its position in the batch, its exact bytes, its eventTime text (parsed when the
 * file is assembled), and where it goes.
 */
record AcceptedEvent(int index, byte[] bytes, String eventTime, Route route) {}
