package io.orgtrail.format.record;

import java.time.Instant;

/** A record that passed {@link RecordRules}: its top-level fields and its eventTime, parsed once. */
public record CheckedRecord(RecordFields fields, Instant eventTime) {}
