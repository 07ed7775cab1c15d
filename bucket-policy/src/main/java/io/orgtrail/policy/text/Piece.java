package io.orgtrail.policy.text;

/**
 * A run of pattern text: as written in the policy ({@code literal} false: {@code *} and {@code ?} are wildcards
 * where the operator allows them), or substituted from a policy variable ({@code literal} true: taken as it is).
 */
public record Piece(String text, boolean literal) {}
