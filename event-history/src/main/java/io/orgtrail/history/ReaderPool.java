package io.orgtrail.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read-only connections for lookups. In WAL mode each reads a consistent snapshot while the writer carries on, so
 * lookups never wait for indexing. Connections are opened on demand and up to {@code maxIdle} are kept.
 */
final class ReaderPool implements AutoCloseable {
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final int maxIdle;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  ReaderPool(Opener opener, int maxIdle) {
    this.opener = opener;
    this.maxIdle = maxIdle;
  }

  Connection borrow() throws SQLException {
    if (closed) {
      throw new SQLException("the event history is closed");
    }
    Connection c = idle.poll();
    if (c != null) {
      idleCount.decrementAndGet();
      return c;
    }
    return opener.open();
  }

  void release(Connection c) {
    if (!closed && idleCount.incrementAndGet() <= maxIdle) {
      idle.offer(c);
      return;
    }
    idleCount.decrementAndGet();
    closeQuietly(c);
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to do with a connection we are discarding
    }
  }
}
