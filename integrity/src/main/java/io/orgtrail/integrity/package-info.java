/**
 * Log file integrity validation for an organization trail: {@code orgtrail validate-logs}.
 *
 * <p>{@link io.orgtrail.integrity.LogValidator} does what {@code aws cloudtrail validate-logs} does, for every
 * (account, region) chain at once, and accepts every digest and log file the AWS CLI accepts when they are as
 * CloudTrail writes them. It goes further where the AWS CLI cannot see:
 *
 * <ul>
 *   <li>each digest is checked against the newer digest that names it (previousDigestHashValue and
 *       previousDigestSignature, not only through the string to sign), so a digest rewritten and re-signed with a
 *       trusted key is caught; the signing key must have been valid when the digest ended (give or take one
 *       period, at least a minute); the signature algorithm must be SHA256withRSA;
 *   <li>several digests missing in a row are reported with their inferred keys; digests of the range that the
 *       chain does not reach are reported as forks or unlinked;
 *   <li>objects under a chain's log file prefix that no valid digest names are reported: added, copied or moved
 *       (same content as a listed file), not verifiable (their digest is missing or invalid, they fall in a gap,
 *       or the region has no digests), or not yet covered (the minute in their name reaches past the newest
 *       digest's end, unless witnesses show that digests up to then were deleted);
 *   <li>witnesses (signed chain heads agents keep) reveal a deleted tail and pin the witnessed digest's bytes.
 * </ul>
 *
 * <p>Decisions: a chain gap (a digest with no previous digest while older ones exist: logging stopped) is reported
 * but, as in the AWS CLI, is not an error; log files delivered inside a gap are errors (not verifiable). Log files
 * not yet covered are information, not errors. A digest with data after its gzip stream is invalid (the AWS CLI
 * ignores such data in digests, though not in log files). Backfill digests ({@code _backfill.json.gz}) are not
 * validated: orgtrail does not write them.
 */
package io.orgtrail.integrity;
