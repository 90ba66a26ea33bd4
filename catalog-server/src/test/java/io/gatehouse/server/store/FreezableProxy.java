package io.gatehouse.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder that can be frozen: while frozen it keeps every connection open and forwards
 * nothing, and it accepts new connections without reaching the target. That is what a network
 * partition looks like to the replica behind it (packets dropped, nothing refused or reset),
 * without root or a network namespace.
 */
final class FreezableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;
  private volatile boolean open = true;

  FreezableProxy(String targetHost, int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    Thread accept = new Thread(this::accept, "freezable-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void freeze() {
    frozen = true;
  }

  void thaw() {
    frozen = false;
  }

  private void accept() {
    while (open) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread connect = new Thread(() -> connect(client), "freezable-proxy-connect");
        connect.setDaemon(true);
        connect.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void connect(Socket client) {
    try {
      waitWhileFrozen();
      Socket target = new Socket(targetHost, targetPort);
      sockets.add(target);
      pump(client.getInputStream(), target.getOutputStream());
      pump(target.getInputStream(), client.getOutputStream());
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private void pump(InputStream in, OutputStream out) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          waitWhileFrozen(); // what arrives while frozen is held, as a dropped packet would be
          out.write(buffer, 0, n);
          out.flush();
        }
        out.close();
      } catch (IOException | InterruptedException e) {
        // one side closed
      }
    }, "freezable-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private void waitWhileFrozen() throws InterruptedException {
    while (frozen && open) {
      Thread.sleep(20);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
    sockets.forEach(FreezableProxy::closeQuietly);
  }
}
