package io.orgtrail.selectors.filter;

/**
 * One entry of a record's {@code resources}: its {@code type} and its {@code ARN}, or for a listing (S3
 * ListObjects) its {@code ARNPrefix}; either may be null when the record leaves it out.
 */
record ResourceRef(String type, String arn) {}
