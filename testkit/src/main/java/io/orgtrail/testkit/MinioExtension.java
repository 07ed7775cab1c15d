package io.orgtrail.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real MinIO server per test class, started before the first test and stopped (temp data deleted) after the
 * last. Fails the class, never skips it, when no MinIO binary is installed.
 *
 * <pre>{@code
 * @RegisterExtension static MinioExtension minio = new MinioExtension();
 * ... minio.server().endpoint() ...
 * }</pre>
 *
 * or {@code @ExtendWith(MinioExtension.class)} and a {@link MinioServer} parameter on a test, {@code @BeforeAll},
 * {@code @BeforeEach} or constructor. {@code @Nested} classes share the outer class's server.
 */
public final class MinioExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private MinioServer server;
  private String ownerContextId;

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (server != null) {
      return; // a @Nested class: keep the outer class's server
    }
    server = MinioServer.startInTempDir();
    ownerContextId = context.getUniqueId();
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (server != null && context.getUniqueId().equals(ownerContextId)) {
      try {
        server.close();
      } finally {
        server = null;
        ownerContextId = null;
      }
    }
  }

  /** The running server of the current test class. */
  public synchronized MinioServer server() {
    if (server == null) {
      throw new IllegalStateException(
          "no MinIO server: MinioExtension starts one per test class; register it on a static field"
              + " (@RegisterExtension static MinioExtension minio = new MinioExtension())");
    }
    return server;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == MinioServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return server();
  }
}
