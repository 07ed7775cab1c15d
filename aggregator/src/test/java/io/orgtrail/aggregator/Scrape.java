package io.orgtrail.aggregator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalDouble;

/** Real HTTP requests to a metrics endpoint, and the samples of a Prometheus text exposition. */
final class Scrape {
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  public Scrape(int port) {
    this.port = port;
  }

  public HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String metrics() {
    return get("/metrics").body();
  }

  /** The value of {@code series} (name and labels exactly as exposed, e.g. {@code a_total{reason="x"}}), if any. */
  public static OptionalDouble sample(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]));
      }
    }
    return OptionalDouble.empty();
  }

  public double sample(String series) {
    String text = metrics();
    return sample(text, series).orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + text));
  }
}
