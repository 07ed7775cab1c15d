package io.orgtrail.history;

/**
 * A resource of an event as LookupEvents returns it: the record's {@code resources[].type} and
 * {@code resources[].ARN}. Either may be null when the record leaves it out.
 */
public record HistoryResource(String resourceType, String resourceName) {}
