package io.gatehouse.server.adversarial;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the authorization attacks share: principals, SQL as anyone, and a gRPC channel to the wired server. */
final class AuthzAttacks {
  static final String SQL = "/api/gatehouse/v1/sql";
  private static ManagedChannel channel;

  private AuthzAttacks() {}

  /** A principal to attack with: its name, SCIM id and a token. */
  record Who(String name, String id, String token) {}

  static Who user(String prefix) {
    String email = Identities.email(prefix);
    String id = Identities.user(email);
    return new Who(email, id, TestIssuer.jwt(email));
  }

  static Who group(String prefix, String... memberIds) {
    String name = Api.unique(prefix);
    return new Who(name, Identities.group(name, memberIds), null);
  }

  static RequestSpecification as(Who who) {
    return Identities.as(who.token()).contentType("application/json").accept("application/json");
  }

  /** A SQL script as the admin, which must succeed. */
  static void admin(String script) {
    Api.json().body(Map.of("statement", script)).post(SQL).then().statusCode(200);
  }

  /** A SQL script as {@code who}. */
  static ValidatableResponse sql(Who who, String script) {
    return as(who).body(Map.of("statement", script)).post(SQL).then();
  }

  /** One column of the rows the script's last statement returned, as {@code who}. */
  static List<String> column(Who who, String script, int index) {
    return sql(who, script).statusCode(200).extract().path("results[-1].rows.collect { it[" + index + "] }");
  }

  static ValidatableResponse get(Who who, String path) {
    return as(who).get(Api.BASE + path).then();
  }

  static void setMembers(String groupId, String... memberIds) {
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "replace", "path", "members",
                "value", java.util.Arrays.stream(memberIds).map(id -> Map.of("value", id)).toList()))))
        .patch(Identities.SCIM + "/Groups/" + groupId).then().statusCode(200);
  }

  static synchronized ManagedChannel channel() {
    if (channel == null) {
      int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
      channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
    return channel;
  }

  static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(m);
      }
    };
  }

  static AuthorizationServiceGrpc.AuthorizationServiceBlockingStub authz(String token) {
    return AuthorizationServiceGrpc.newBlockingStub(channel()).withCallCredentials(bearer(token))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  static TableServiceGrpc.TableServiceBlockingStub tables(String token) {
    return TableServiceGrpc.newBlockingStub(channel()).withCallCredentials(bearer(token)).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** The full names ListAuthorized gives {@code who} under {@code parent}. */
  static List<String> listAuthorized(Who who, SecurableType type, String parent) {
    return authz(who.token()).listAuthorized(ListAuthorizedRequest.newBuilder().setType(type).setParent(parent)
            .setPageSize(1000).build())
        .getSecurablesList().stream().map(s -> s.getFullName()).toList();
  }
}
