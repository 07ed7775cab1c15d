package io.orgtrail.cloudtrailapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, so that a huge or endless body cannot exhaust the heap. */
final class BoundedBody {
  private BoundedBody() {}

  static byte[] read(HttpExchange exchange, int limit) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          throw ApiException.bodyTooLarge(limit);
        }
      } catch (NumberFormatException e) {
        // The HTTP server has already rejected a malformed Content-Length; the read below is bounded anyway.
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw ApiException.bodyTooLarge(limit);
      }
      return body;
    }
  }
}
