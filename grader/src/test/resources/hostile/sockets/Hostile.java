package raft;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Hostile: opens a real socket, outside the simulated network. */
final class Hostile {
  static void run() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
