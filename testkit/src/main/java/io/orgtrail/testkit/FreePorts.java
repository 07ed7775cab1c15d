package io.orgtrail.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for servers started by tests. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the caller binds it:
   * callers that can (e.g. {@link MinioServer}) retry with a new port when binding fails.
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket()) {
      // No SO_REUSEADDR: the port must really be free, not merely in TIME_WAIT.
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port} (a server that finished starting). */
  public static boolean acceptsConnections(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
