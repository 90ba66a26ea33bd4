package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Whoever holds an engine's token may name any end user; naming a metastore admin would hand it
 * the admins' power over everything. An engine names the bootstrap admin in other cases, and a user
 * who is an admin only through a group nested in the admin group: over REST and gRPC every such
 * request is refused before it runs, and the same user, once out of the admin group, can be
 * acted for again. Before the check, each of these requests ran with the admin's rights.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class AuthzOnBehalfOfAdminAttackTest {
  static final String HEADER = "X-Gatehouse-On-Behalf-Of";

  @Test
  void anEngineCannotActForAMetastoreAdminHoweverTheAdminIsNamedOrNested() throws Exception {
    String engine = Storage.user("obo-admin-engine");
    Storage.joinGroup("engines", scimId(engine));
    String nestedAdmin = Storage.user("obo-nested-admin");
    String inner = Api.unique("obo-inner-admins");
    String innerId = Identities.group(inner, scimId(nestedAdmin));
    Storage.joinGroup("admins", innerId);
    try {
      for (String admin : List.of("admin", "ADMIN", "Admin", nestedAdmin, nestedAdmin.toUpperCase())) {
        String catalog = Api.unique("obo_admin");
        Storage.as(engine).header(HEADER, admin).body(Map.of("name", catalog)).post("/api/2.1/unity-catalog/catalogs")
            .then().statusCode(403);
        Api.get("/catalogs/" + catalog).statusCode(404);
        Storage.as(engine).header(HEADER, admin).get("/api/2.1/unity-catalog/catalogs").then().statusCode(403);
        assertThatThrownBy(() -> authorize(engine, admin)).as("gRPC for %s", admin)
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
      }
    } finally {
      Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
              "Operations", List.of(Map.of("op", "remove", "path", "members[value eq \"" + innerId + "\"]"))))
          .patch(Identities.SCIM + "/Groups/" + scimGroupId("admins")).then().statusCode(200);
    }
    // Out of the admin group, the same user is acted for with its own (lesser) rights.
    Storage.as(engine).header(HEADER, nestedAdmin).get("/api/2.1/unity-catalog/catalogs").then().statusCode(200);
    Storage.as(engine).header(HEADER, nestedAdmin).body(Map.of("name", Api.unique("obo_admin")))
        .post("/api/2.1/unity-catalog/catalogs").then().statusCode(403);
    assertThat(authorize(engine, nestedAdmin)).isFalse();
  }

  /** Whether the engine, for {@code endUser}, may create a catalog, asked over gRPC. */
  private static boolean authorize(String engine, String endUser) throws InterruptedException {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      Metadata auth = new Metadata();
      auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestIssuer.jwt(engine));
      return AuthorizationServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
          .withDeadlineAfter(20, TimeUnit.SECONDS)
          .authorize(AuthorizeRequest.newBuilder().setOnBehalfOf(endUser)
              .addChecks(Check.newBuilder().setSecurable(SecurableRef.newBuilder().setType(SecurableType.METASTORE)
                  .setFullName(Storage.metastoreId())).setPrivilege(Privilege.CREATE_CATALOG))
              .build())
          .getDecisions(0).getAllowed();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static String scimId(String userName) {
    return Identities.scim().queryParam("filter", "userName eq \"" + userName + "\"")
        .get(Identities.SCIM + "/Users").then().statusCode(200).extract().path("Resources[0].id");
  }

  private static String scimGroupId(String displayName) {
    return Identities.scim().queryParam("filter", "displayName eq \"" + displayName + "\"")
        .get(Identities.SCIM + "/Groups").then().statusCode(200).extract().path("Resources[0].id");
  }
}
