package io.orgtrail.format.record;

/** One record cut out of a source file, with where it came from for error messages ("line 7", "record 3"). */
public record SourceRecord(byte[] json, String location) {}
