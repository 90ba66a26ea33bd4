package io.gatehouse.server.grpc;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A free port for the test gRPC server, chosen when the test JVM starts Quarkus, so that two test
 * runs on one machine (several working copies) never talk to each other's server.
 */
@QuarkusTestResource(value = GrpcTestPort.class, restrictToAnnotatedClass = false)
public class GrpcTestPort implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return Map.of("quarkus.grpc.server.test-port", Integer.toString(socket.getLocalPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {}
}
