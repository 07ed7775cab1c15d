package io.orgtrail.history;

/** A position in the newest-first order: the last event of a page, by (eventTime, row id). */
record PageCursor(long eventTime, long rowId) {}
