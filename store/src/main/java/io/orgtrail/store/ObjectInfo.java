package io.orgtrail.store;

import java.time.Instant;

/** A listing entry. */
public record ObjectInfo(String key, long size, Instant lastModified) {}
