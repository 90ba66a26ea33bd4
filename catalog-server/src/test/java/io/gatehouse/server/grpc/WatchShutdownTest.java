package io.gatehouse.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.PolicyVersion;
import io.gatehouse.proto.v1.WatchPolicyVersionRequest;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A stopping server ends its WatchPolicyVersion streams with UNAVAILABLE, the status on which
 * engines reconnect, rather than leaving them to be cut or to hold the drain. The shutdown
 * observer's work is invoked directly: the test's server keeps running.
 */
@QuarkusTest
class WatchShutdownTest {
  @Inject
  @GrpcService
  AuthorizationGrpcService service;

  @Test
  void openWatchStreamsEndWithUnavailableWhenTheServerStops() throws InterruptedException {
    String email = Identities.email("watch-stop");
    Identities.user(email);
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      Iterator<PolicyVersion> stream = AuthorizationServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(GrpcApiTest.bearer(TestIssuer.jwt(email))).withDeadlineAfter(30, TimeUnit.SECONDS)
          .watchPolicyVersion(WatchPolicyVersionRequest.getDefaultInstance());
      assertThat(stream.next().getVersion()).isPositive();

      service.endWatches();

      assertThatThrownBy(() -> {
        while (stream.hasNext()) {
          stream.next();
        }
      }).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(e.getStatus().getDescription()).contains("stopping");
      });
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
