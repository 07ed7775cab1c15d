package io.orgtrail.notify.webhook;

import java.net.URI;

/** One message on its way; mutable fields are guarded by the sender's lock. */
final class WebhookMessage {
  final String id;
  final URI target;
  final String kind;
  final byte[] body;
  volatile int attempts;
  volatile boolean inFlight;
  volatile String lastError;

  WebhookMessage(String id, URI target, String kind, byte[] body) {
    this.id = id;
    this.target = target;
    this.kind = kind;
    this.body = body;
  }
}
