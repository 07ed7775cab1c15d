package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API operation: a request's JSON object in, the response's JSON object out, or an {@link ApiException}. */
@FunctionalInterface
interface Operation {
  ObjectNode handle(ApiRequest request);
}
