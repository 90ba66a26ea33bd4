package io.gatehouse.server.adversarial;

import static io.gatehouse.server.identity.Identities.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * An OIDC token says only what its issuer may vouch for: an e-mail the issuer has verified, and
 * no privileged group (metastore admins, engines) unless that issuer is trusted with it.
 */
@QuarkusTest
@QuarkusTestResource(TestIssuer.class)
class IdentityOidcAttackTest {

  @Test
  void emailThatTheIssuerDidNotVerifyIsRefused() {
    String email = Identities.email("unverified");
    Identities.user(email);
    as(TestIssuer.jwt(email, c -> c.setClaim("email_verified", false))).get(Api.BASE + "/catalogs").then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
        .body("message", containsString("email_verified"));
    as(TestIssuer.jwt(email, c -> c.unsetClaim("email_verified"))).get(Api.BASE + "/catalogs").then().statusCode(401);
    as(TestIssuer.jwt(email, c -> c.setClaim("email_verified", "false"))).get(Api.BASE + "/catalogs").then().statusCode(401);
    // Issuers that send the flag as a string are understood.
    as(TestIssuer.jwt(email, c -> c.setClaim("email_verified", "true"))).get(Api.BASE + "/catalogs").then().statusCode(200);
  }

  @Test
  void adminGroupAssertedByAnUntrustedIssuerGivesNoAdminPower() {
    String email = Identities.email("self-made-admin");
    Identities.user(email);
    for (String group : List.of("admins", "ADMINS", "Admins")) {
      as(TestIssuer.jwt(email, List.of(group))).get("/api/2.0/token-management/tokens").then().statusCode(403);
      as(TestIssuer.jwt(email, List.of(group))).get("/api/gatehouse/v1/audit").then().statusCode(403);
    }
    // The issuer trusted with the admin group makes admins.
    as(TestIssuer.fileIssuerJwt(email, List.of("admins"))).get("/api/2.0/token-management/tokens").then().statusCode(200);
  }

  @Test
  void enginesGroupAssertedByAnUntrustedIssuerCannotActForOtherUsers() throws InterruptedException {
    String attacker = Identities.email("fake-engine");
    Identities.user(attacker);
    String victim = Identities.email("victim");
    Identities.user(victim);
    String catalog = Api.catalog();
    AuthorizeRequest forVictim = AuthorizeRequest.newBuilder()
        .addChecks(Check.newBuilder()
            .setSecurable(SecurableRef.newBuilder().setType(SecurableType.CATALOG).setFullName(catalog))
            .setPrivilege(Privilege.USE_CATALOG))
        .setOnBehalfOf(victim)
        .build();
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      for (List<String> groups : List.of(List.of("engines"), List.of("ENGINES"), List.of("engines", "admins"))) {
        var stub = AuthorizationServiceGrpc.newBlockingStub(channel)
            .withCallCredentials(bearer(TestIssuer.jwt(attacker, groups))).withDeadlineAfter(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> stub.authorize(forVictim))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription()).contains("engines group");
            });
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(m);
      }
    };
  }
}
