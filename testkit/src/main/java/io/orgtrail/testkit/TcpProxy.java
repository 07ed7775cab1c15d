package io.orgtrail.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a real server, which a test controls: {@link #cut()} breaks every connection
 * and refuses new ones (a network partition as the client sees it), {@link #restore()} lets them through again.
 * It also records the bytes clients sent, to see what went over the wire.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  private TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
  public static TcpProxy to(int targetPort) throws IOException {
    return new TcpProxy(targetPort);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Breaks every open connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut = true;
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  public void restore() {
    cut = false;
  }

  public boolean isCut() {
    return cut;
  }

  /** Everything clients sent so far, as ISO-8859-1 text (HTTP headers are ASCII; bodies come out as is). */
  public String clientBytes() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket server;
        try {
          server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException unreachable) {
          closeQuietly(client);
          continue;
        }
        sockets.add(client);
        sockets.add(server);
        pump(client, server, true);
        pump(server, client, false);
      }
    } catch (IOException closed) {
      // the proxy was closed
    }
  }

  private void pump(Socket from, Socket to, boolean record) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (record) {
            synchronized (sent) {
              sent.write(buffer, 0, n);
            }
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed: closing both streams (try-with-resources) ends the other direction too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
