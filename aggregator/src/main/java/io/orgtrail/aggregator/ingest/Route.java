package io.orgtrail.aggregator.ingest;

/** Where an event goes: one open log file per (account, region). Both parts are validated before a Route exists. */
record Route(String account, String region) {}
