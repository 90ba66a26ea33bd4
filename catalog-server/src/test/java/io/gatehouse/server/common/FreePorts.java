package io.gatehouse.server.common;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Ports for the servers tests start, chosen below the kernel's ephemeral range (32768 and up on
 * Linux). A port the kernel handed out (a {@code ServerSocket(0)}) is one it may hand out again as
 * the local port of any client connection; a server that starts on it later, or again after a
 * restart, then finds it taken. CI once lost a replica that way: its gRPC port was held.
 */
public final class FreePorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;

  private FreePorts() {}

  /** One free port. */
  public static int one() {
    return block(1);
  }

  /** The first of {@code count} free ports in a row. */
  public static int block(int count) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(FIRST, LAST - count);
      if (IntStream.range(first, first + count).allMatch(FreePorts::free)) {
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " free ports in a row between " + FIRST + " and " + LAST);
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
