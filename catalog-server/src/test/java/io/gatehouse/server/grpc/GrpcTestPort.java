package io.gatehouse.server.grpc;

import io.gatehouse.server.common.FreePorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A free port for the test gRPC server, chosen when the test JVM starts Quarkus, so that two test
 * runs on one machine (several working copies) never talk to each other's server.
 */
@QuarkusTestResource(value = GrpcTestPort.class, restrictToAnnotatedClass = false)
public class GrpcTestPort implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    // Below the ephemeral range: the server binds it again at every restart for another profile.
    return Map.of("quarkus.grpc.server.test-port", Integer.toString(FreePorts.one()));
  }

  @Override
  public void stop() {}
}
