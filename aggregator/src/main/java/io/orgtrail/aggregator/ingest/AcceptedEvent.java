package io.orgtrail.aggregator.ingest;

/** An event that passed every check: its exact bytes, its eventTime text (parsed when the file is assembled). */
record AcceptedEvent(byte[] bytes, String eventTime, Route route) {}
