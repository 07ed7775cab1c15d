package io.orgtrail.insights;

/** One value of an attributed field and its average count per minute ({@code {"value":..,"average":..}}). */
public record AttributionValue(String value, double average) {}
