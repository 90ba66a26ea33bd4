package io.gatehouse.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** ResolveTable over gRPC hands out the same scoped credentials as REST, tried on radosgw. */
@QuarkusTest
class ResolveTableCredentialsTest {
  private LakeWorld lake;

  @org.junit.jupiter.api.BeforeEach
  void lake() {
    lake = LakeWorld.get(); // after the server is up
  }

  @Test
  void resolvedCredentialsReachTheTableAndNothingBeside() throws Exception {
    String orders = Api.unique("grpc_orders");
    lake.table(orders, "warehouse/" + orders);
    String sibling = Api.unique("grpc_returns");
    lake.table(sibling, "warehouse/" + sibling);
    String reader = Storage.user("grpc-reader");
    lake.outsideEngine(reader);
    Storage.grant("table", lake.fullName(orders), reader, "SELECT");

    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      Metadata auth = new Metadata();
      auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestIssuer.jwt(reader));
      ResolveTableResponse r = TableServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .resolveTable(ResolveTableRequest.newBuilder().setFullName(lake.fullName(orders))
              .setCredentials(CredentialOperation.READ).build());
      assertThat(r.getCredentials().getAccessKeyId()).isNotEmpty();
      assertThat(r.getCredentials().getExpirationTime()).isGreaterThan(System.currentTimeMillis());
      S3Client s3 = lake.ceph.s3(r.getCredentials().getAccessKeyId(), r.getCredentials().getSecretAccessKey(),
          r.getCredentials().getSessionToken());
      assertThat(lake.read(s3, "warehouse/" + orders + "/part-0.parquet")).isEqualTo("rows of " + orders);
      assertThat(LakeWorld.status(() -> lake.read(s3, "warehouse/" + sibling + "/part-0.parquet"))).isEqualTo(403);
      assertThat(LakeWorld.status(() -> lake.write(s3, "warehouse/" + orders + "/part-9.parquet"))).isEqualTo(403);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
