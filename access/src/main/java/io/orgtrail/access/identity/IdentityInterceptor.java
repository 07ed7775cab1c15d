package io.orgtrail.access.identity;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link Caller} named by the peer's client certificate into the gRPC {@link Context} of every call, or
 * ends the call with UNAUTHENTICATED, saying what is missing and how to get a proper certificate.
 *
 * <p>The TLS layer has already checked the chain to the organization's CA and the validity dates; this reads who
 * the certificate says its holder is. Nothing in a request can change that.
 */
public final class IdentityInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(IdentityInterceptor.class);
  private static final Context.Key<Caller> CALLER = Context.key("orgtrail-caller");

  private final Clock clock;

  public IdentityInterceptor(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The caller of the current call.
   *
   * @throws IllegalStateException outside a call that went through this interceptor
   */
  public static Caller currentCaller() {
    Caller caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("no caller in this gRPC context: the service must be wrapped with "
          + IdentityInterceptor.class.getSimpleName());
    }
    return caller;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Caller caller;
    try {
      caller = identify(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    } catch (MissingIdentityException e) {
      log.warn("refused {} from {}: {}", call.getMethodDescriptor().getFullMethodName(),
          call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), e.getMessage());
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
  }

  private Caller identify(SSLSession session) throws MissingIdentityException {
    if (session == null) {
      throw new MissingIdentityException("this call did not come over TLS, so it carries no client certificate; the"
          + " access service must be served over mutual TLS (configure its server certificate, key and client CA)");
    }
    Certificate[] peer;
    try {
      peer = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      peer = null;
    }
    if (peer == null || peer.length == 0 || !(peer[0] instanceof X509Certificate certificate)) {
      throw new MissingIdentityException("the connection presented no client certificate; get one from the"
          + " organization's CA with `orgtrail admin issue-cert` and connect with it");
    }
    Caller caller = CertificateIdentity.of(certificate);
    if (clock.instant().isAfter(caller.expiry())) {
      throw new MissingIdentityException("the client certificate of " + caller.describe() + " (serial "
          + caller.serial() + ") expired at " + caller.expiry() + "; get a new one with `orgtrail admin issue-cert`");
    }
    return caller;
  }
}
