package io.orgtrail.cloudtrailapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.orgtrail.cloudtrailapi.auth.SignedRequest;
import io.orgtrail.format.ids.RandomUuids;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.1 protocol over HTTP: {@code POST} with the operation in {@code X-Amz-Target} and its input as a
 * JSON object; the answer is the output object with 200, or {@code {"__type","message"}} with an error status.
 * Failures of our own (a key file that cannot be read, a bug) are logged here with the request id and answered as
 * {@code InternalFailure} without details.
 */
final class JsonRpcHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcHandler.class);

  private final OperationTable operations;
  private final int maxRequestBytes;
  private final RandomUuids requestIds;

  JsonRpcHandler(OperationTable operations, int maxRequestBytes, RandomUuids requestIds) {
    this.operations = operations;
    this.maxRequestBytes = maxRequestBytes;
    this.requestIds = requestIds;
  }

  @Override
  public void handle(HttpExchange exchange) {
    String requestId = requestIds.next();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    int status = 200;
    ObjectNode answer;
    try {
      answer = dispatch(exchange, target);
    } catch (ApiException e) {
      status = e.status();
      answer = e.body();
      log.debug("request {} ({}) answered {} {}: {}", requestId, target, status, e.type(), e.getMessage());
    } catch (IOException e) {
      log.debug("request {} ({}): could not read the request: {}", requestId, target, e.toString());
      exchange.close();
      return;
    } catch (RuntimeException e) {
      log.warn("request {} ({}) failed", requestId, target, e);
      ApiException internal = ApiException.internal(requestId);
      status = internal.status();
      answer = internal.body();
    }
    if (status == 200) {
      log.debug("request {} ({}) answered 200", requestId, target);
    }
    try {
      respond(exchange, requestId, status, answer);
    } catch (IOException e) {
      log.debug("request {} ({}): could not send the answer: {}", requestId, target, e.toString());
    } finally {
      exchange.close();
    }
  }

  private ObjectNode dispatch(HttpExchange exchange, String target) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw ApiException.methodNotAllowed(exchange.getRequestMethod());
    }
    Operation operation = operations.find(target);
    byte[] body = BoundedBody.read(exchange, maxRequestBytes);
    ObjectNode input = parse(body);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    SignedRequest signed = new SignedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    return operation.handle(new ApiRequest(input, SigV4Scope.region(authorization), signed));
  }

  private static ObjectNode parse(byte[] body) {
    if (body.length == 0) {
      // Botocore always sends at least "{}"; an empty body means no input members.
      return AwsJson.MAPPER.createObjectNode();
    }
    JsonNode tree;
    try {
      tree = AwsJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.serialization("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.serialization("the request body could not be read as JSON: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.serialization("the request body must be a JSON object, such as {}");
    }
    return (ObjectNode) tree;
  }

  private static void respond(HttpExchange exchange, String requestId, int status, ObjectNode answer)
      throws IOException {
    byte[] bytes = AwsJson.MAPPER.writeValueAsBytes(answer);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", AwsJson.CONTENT_TYPE);
    headers.set("x-amzn-RequestId", requestId);
    if (status == 405) {
      headers.set("Allow", "POST");
    }
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
