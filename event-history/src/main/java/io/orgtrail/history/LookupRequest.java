package io.orgtrail.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A LookupEvents call as received: values are checked by {@link EventHistory#lookup}, which answers CloudTrail's
 * errors, so that this can carry exactly what a client sent (several attributes, a MaxResults of 0, ...).
 *
 * @param attributes the LookupAttributes (CloudTrail accepts at most one)
 * @param startTime StartTime, inclusive; default 90 days before now
 * @param endTime EndTime, inclusive; default now
 * @param maxResults MaxResults, 1 to 50; default 50
 * @param nextToken NextToken from the previous page of the same lookup
 * @param scope whose events the caller may see
 */
public record LookupRequest(
    List<LookupAttribute> attributes,
    Optional<Instant> startTime,
    Optional<Instant> endTime,
    Optional<Integer> maxResults,
    Optional<String> nextToken,
    AccountScope scope) {

  public static final int DEFAULT_MAX_RESULTS = 50;

  public LookupRequest {
    attributes = List.copyOf(attributes);
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(maxResults, "maxResults");
    Objects.requireNonNull(nextToken, "nextToken");
    Objects.requireNonNull(scope, "scope");
  }

  public static Builder builder(AccountScope scope) {
    return new Builder(scope);
  }

  /** A builder starting from this request, e.g. to ask for the next page. */
  public Builder toBuilder() {
    Builder b = new Builder(scope);
    b.attributes.addAll(attributes);
    b.startTime = startTime.orElse(null);
    b.endTime = endTime.orElse(null);
    b.maxResults = maxResults.orElse(null);
    b.nextToken = nextToken.orElse(null);
    return b;
  }

  public static final class Builder {
    private final List<LookupAttribute> attributes = new ArrayList<>();
    private AccountScope scope;
    private Instant startTime;
    private Instant endTime;
    private Integer maxResults;
    private String nextToken;

    private Builder(AccountScope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
    }

    public Builder attribute(AttributeKey key, String value) {
      attributes.add(LookupAttribute.of(key, value));
      return this;
    }

    /** An attribute by its wire name, unchecked (see {@link EventHistory#lookup}). */
    public Builder attribute(String key, String value) {
      attributes.add(new LookupAttribute(key, value));
      return this;
    }

    public Builder clearAttributes() {
      attributes.clear();
      return this;
    }

    public Builder startTime(Instant startTime) {
      this.startTime = startTime;
      return this;
    }

    public Builder endTime(Instant endTime) {
      this.endTime = endTime;
      return this;
    }

    public Builder maxResults(Integer maxResults) {
      this.maxResults = maxResults;
      return this;
    }

    public Builder nextToken(String nextToken) {
      this.nextToken = nextToken;
      return this;
    }

    public Builder scope(AccountScope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    public LookupRequest build() {
      return new LookupRequest(attributes, Optional.ofNullable(startTime), Optional.ofNullable(endTime),
          Optional.ofNullable(maxResults), Optional.ofNullable(nextToken), scope);
    }
  }
}
