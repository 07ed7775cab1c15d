package io.orgtrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void returnsAPortThatCanBeBoundOnLoopback() throws Exception {
    int port = FreePorts.next();

    assertThat(port).isBetween(1024, 65535);
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void doesNotReturnAPortThatIsInUse() throws Exception {
    try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 20; i++) {
        assertThat(FreePorts.next()).isNotEqualTo(held.getLocalPort());
      }
    }
  }
}
