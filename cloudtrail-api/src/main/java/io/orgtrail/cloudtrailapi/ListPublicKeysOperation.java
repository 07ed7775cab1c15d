package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgtrail.format.digest.PublicKeyInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * ListPublicKeys: the digest signing keys that were valid at some moment of [StartTime, EndTime]; either bound
 * defaults to now, so a call without times returns the current key (as CloudTrail does). Every key comes in one page.
 *
 * <p>The active key has no end yet; it is reported with {@code ValidityEndTime} = now, the latest moment it is known
 * to be valid (CloudTrail always sends an end time, and the AWS CLI's validator reads only Fingerprint and Value).
 */
final class ListPublicKeysOperation implements Operation {
  private final Supplier<List<PublicKeyInfo>> keys;
  private final Clock clock;

  ListPublicKeysOperation(Supplier<List<PublicKeyInfo>> keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public ObjectNode handle(ApiRequest request) {
    if (request.string("NextToken").isPresent()) {
      throw ApiException.of("InvalidTokenException",
          "NextToken was not issued by this server: it returns every public key in one page, never a NextToken");
    }
    Instant now = clock.instant();
    Instant start = request.time("StartTime").orElse(now);
    Instant end = request.time("EndTime").orElse(now);
    if (start.isAfter(end)) {
      throw ApiException.of("InvalidTimeRangeException", "StartTime " + start + " is after EndTime " + end
          + (request.time("EndTime").isEmpty() ? " (EndTime defaults to now)" : "")
          + "; give a StartTime at or before the EndTime");
    }
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    ArrayNode list = response.putArray("PublicKeyList");
    for (PublicKeyInfo key : keys.get()) {
      if (!key.validDuring(start, end)) {
        continue;
      }
      ObjectNode n = list.addObject();
      n.put("Value", key.pkcs1Der());
      AwsJson.putTime(n, "ValidityStartTime", key.validFrom());
      Instant validUntil = key.validUntil() != null ? key.validUntil()
          : now.isBefore(key.validFrom()) ? key.validFrom() : now;
      AwsJson.putTime(n, "ValidityEndTime", validUntil);
      n.put("Fingerprint", key.fingerprint());
    }
    return response;
  }
}
