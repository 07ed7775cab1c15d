package io.orgtrail.insights;

import java.time.Instant;

/** The fields of one record the detector needs. {@code errorCode} is null when the call succeeded. */
record MeasuredCall(InsightKey key, Instant eventTime, boolean write, String errorCode, boolean management) {}
