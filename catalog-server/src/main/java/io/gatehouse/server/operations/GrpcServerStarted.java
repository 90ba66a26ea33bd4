package io.gatehouse.server.operations;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stops the server at start when its gRPC server did not start (its port taken, say). Quarkus logs
 * that failure and carries on with REST alone, reporting itself not ready forever: a replica that
 * would never serve engines and never leave the load balancer's "starting" state. Exiting says so
 * where a service manager or an operator sees it.
 */
@ApplicationScoped
class GrpcServerStarted {
  private final GrpcHealthStorage health;
  private final String host;
  private final int port;

  GrpcServerStarted(GrpcHealthStorage health,
      @ConfigProperty(name = "quarkus.grpc.server.host") String host,
      @ConfigProperty(name = "quarkus.grpc.server.port") int port) {
    this.health = health;
    this.host = host;
    this.port = port;
  }

  void check(@Observes StartupEvent event) {
    if (health.getStatuses().get(GrpcHealthStorage.DEFAULT_SERVICE_NAME) != ServingStatus.SERVING) {
      throw new IllegalStateException("the gRPC server did not start on " + host + ":" + port
          + " (quarkus.grpc.server.port; the error above says why); refusing to run without it");
    }
  }
}
