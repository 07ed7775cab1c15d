package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered in AWS JSON 1.1's shape: an HTTP status and {@code {"__type": "<ExceptionName>", "message"}}.
 * Botocore takes {@code __type} as the error code, so clients see e.g. {@code TrailNotFoundException}. Messages go to
 * the client as they are: they name the bad input, never internals.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  ApiException(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  /** A client error (HTTP 400) of the operation's own exception type, e.g. {@code TrailNotFoundException}. */
  static ApiException of(String type, String message) {
    return new ApiException(400, type, message);
  }

  /** The request is not the JSON object the operation expects. */
  static ApiException serialization(String message) {
    return new ApiException(400, "SerializationException", message);
  }

  static ApiException bodyTooLarge(int limit) {
    return new ApiException(413, "SerializationException",
        "the request body is larger than " + limit + " bytes; this API's requests are small JSON objects");
  }

  static ApiException unknownOperation(String target) {
    return new ApiException(400, "UnknownOperationException", target == null
        ? "the request has no X-Amz-Target header; send e.g. X-Amz-Target: CloudTrail_20131101.DescribeTrails"
        : "operation '" + target + "' is not served here; orgtrail answers only "
            + OperationTable.CLOUDTRAIL + ".{DescribeTrails,GetTrail,GetTrailStatus,ListPublicKeys} and "
            + OperationTable.ORGANIZATIONS + ".DescribeOrganization");
  }

  static ApiException methodNotAllowed(String method) {
    return new ApiException(405, "UnknownOperationException",
        "HTTP method " + method + " is not supported; AWS JSON 1.1 requests are POST /");
  }

  /** Something failed on our side; the details are in the server's log, not in the answer. */
  static ApiException internal(String requestId) {
    return new ApiException(500, "InternalFailure",
        "the server failed to answer; see the orgtrail aggregator log for request " + requestId);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  ObjectNode body() {
    ObjectNode body = AwsJson.MAPPER.createObjectNode();
    body.put("__type", type);
    body.put("message", getMessage());
    return body;
  }
}
