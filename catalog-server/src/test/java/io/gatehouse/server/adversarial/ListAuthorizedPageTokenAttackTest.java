package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizedSecurable;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.ListAuthorizedResponse;
import io.gatehouse.proto.v1.Privilege;
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
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ListAuthorized pages from the catalog snapshot with tokens the caller holds: whatever a caller
 * does to a token (forge it, edit the position it names, take it to another parent, type or
 * privilege), it never lists an object it may not see, never skips the privilege filter, and
 * never finds a hidden name in a token.
 */
@QuarkusTest
class ListAuthorizedPageTokenAttackTest {
  private static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static AuthorizationServiceGrpc.AuthorizationServiceBlockingStub authz(String token) {
    CallCredentials bearer = new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(m);
      }
    };
    return AuthorizationServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  private static void sql(String script) {
    Api.json().body(Map.of("statement", script)).post("/api/gatehouse/v1/sql").then().statusCode(200);
  }

  /**
   * Catalog {@code c} with schemas s and s2: in s, tables a0..a9, of which the reader may see
   * a1, a3, a5, a7 (SELECT) and a9 (MODIFY only); a5 also has MODIFY and a DENY SELECT.
   */
  private static String world(String reader) {
    String catalog = Api.unique("tokens");
    StringBuilder script = new StringBuilder("CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s; CREATE SCHEMA %1$s.s2;");
    for (int i = 0; i < 10; i++) {
      script.append("CREATE TABLE %1$s.s.a").append(i).append(" (id INT) LOCATION 's3://tokens/%1$s/a").append(i).append("';");
      script.append("CREATE TABLE %1$s.s2.b").append(i).append(" (id INT) LOCATION 's3://tokens/%1$s/b").append(i).append("';");
    }
    script.append("GRANT USE CATALOG, USE SCHEMA ON CATALOG %1$s TO `%2$s`;");
    for (int i : new int[] {1, 3, 5, 7}) {
      script.append("GRANT SELECT ON TABLE %1$s.s.a").append(i).append(" TO `%2$s`;");
    }
    script.append("GRANT MODIFY ON TABLE %1$s.s.a9 TO `%2$s`;");
    script.append("GRANT MODIFY ON TABLE %1$s.s.a5 TO `%2$s`;");
    script.append("DENY SELECT ON TABLE %1$s.s.a5 TO `%2$s`;");
    script.append("GRANT SELECT ON SCHEMA %1$s.s2 TO `%2$s`;");
    sql(script.toString().formatted(catalog, reader));
    return catalog;
  }

  private static ListAuthorizedRequest.Builder tables(String parent) {
    return ListAuthorizedRequest.newBuilder().setType(SecurableType.TABLE).setParent(parent);
  }

  /** Every page of a listing, following its tokens; the tokens are collected too. */
  private static List<String> all(String token, ListAuthorizedRequest.Builder request, List<String> tokens) {
    List<String> names = new ArrayList<>();
    String next = request.getPageToken();
    do {
      ListAuthorizedResponse page = authz(token).listAuthorized(request.setPageToken(next).build());
      page.getSecurablesList().stream().map(AuthorizedSecurable::getFullName).forEach(names::add);
      next = page.getNextPageToken();
      if (!next.isEmpty()) {
        tokens.add(next);
      }
    } while (!next.isEmpty());
    return names;
  }

  private static String decoded(String token) {
    return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
  }

  private static String forged(String realToken, String after) {
    String raw = decoded(realToken);
    String kind = raw.substring(0, raw.lastIndexOf('|'));
    return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + "|" + after).getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void pagesListOnlyWhatTheCallerMaySeeAndTokensNameOnlyWhatTheyReturned() {
    String email = Identities.email("token-reader");
    Identities.user(email);
    String c = world(email);
    String token = TestIssuer.jwt(email);
    List<String> tokens = new ArrayList<>();
    assertThat(all(token, tables(c + ".s").setPageSize(1), tokens))
        .containsExactly(c + ".s.a1", c + ".s.a3", c + ".s.a5", c + ".s.a7", c + ".s.a9");
    assertThat(tokens).hasSize(4).extracting(t -> decoded(t).substring(decoded(t).lastIndexOf('|') + 1))
        .containsExactly("a1", "a3", "a5", "a7");
    // With a privilege, only the objects where it is held: the deny takes a5 away, a9 has MODIFY only.
    List<String> selectTokens = new ArrayList<>();
    assertThat(all(token, tables(c + ".s").setPageSize(1).setPrivilege(Privilege.SELECT), selectTokens))
        .containsExactly(c + ".s.a1", c + ".s.a3", c + ".s.a7");
    assertThat(all(token, tables(c + ".s").setPageSize(2).setPrivilege(Privilege.MODIFY), new ArrayList<>()))
        .containsExactly(c + ".s.a5", c + ".s.a9");
    // The admin sees every table: the snapshot's listing is complete and in name order.
    List<String> every = all(Api.ADMIN_TOKEN, tables(c + ".s").setPageSize(3), new ArrayList<>());
    assertThat(every).hasSize(10).isSorted();

    // A forged position (a hidden name, or before everything) only moves where the filtered listing starts.
    String real = tokens.get(0);
    assertThat(all(token, tables(c + ".s").setPageSize(2).setPageToken(forged(real, "a4")), new ArrayList<>()))
        .containsExactly(c + ".s.a5", c + ".s.a7", c + ".s.a9");
    assertThat(all(token, tables(c + ".s").setPageSize(2).setPageToken(forged(real, "a")), new ArrayList<>()))
        .containsExactly(c + ".s.a1", c + ".s.a3", c + ".s.a5", c + ".s.a7", c + ".s.a9");
    List<String> afterForgery = new ArrayList<>();
    all(token, tables(c + ".s").setPageSize(1).setPageToken(forged(real, "a0")), afterForgery);
    assertThat(afterForgery).extracting(t -> decoded(t).substring(decoded(t).lastIndexOf('|') + 1))
        .containsExactly("a1", "a3", "a5", "a7");

    // A token belongs to its listing: another parent, type or privilege, or none of ours, is refused.
    assertRefused(() -> authz(token).listAuthorized(tables(c + ".s2").setPageToken(real).build()));
    assertRefused(() -> authz(token).listAuthorized(ListAuthorizedRequest.newBuilder().setType(SecurableType.VOLUME)
        .setParent(c + ".s").setPageToken(real).build()));
    assertRefused(() -> authz(token).listAuthorized(tables(c + ".s").setPrivilege(Privilege.SELECT).setPageToken(real).build()));
    // A token of the SELECT listing does not lift the filter when presented without it.
    assertRefused(() -> authz(token).listAuthorized(tables(c + ".s").setPageToken(selectTokens.get(0)).build()));
    assertRefused(() -> authz(token).listAuthorized(tables(c + ".s").setPageToken("not a token!").build()));
    assertRefused(() -> authz(token).listAuthorized(tables(c + ".s").setPageToken(
        Base64.getUrlEncoder().encodeToString("grpc-table|a0".getBytes(StandardCharsets.UTF_8))).build()));

    // Another reader's token gives that reader nothing more: the filter is the caller's own.
    String stranger = Identities.email("token-stranger");
    Identities.user(stranger);
    assertThatThrownBy(() -> authz(TestIssuer.jwt(stranger)).listAuthorized(tables(c + ".s").setPageToken(real).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void listingsOfCatalogsAndSchemasFollowTheSnapshot() {
    String email = Identities.email("token-lister");
    Identities.user(email);
    String c = world(email);
    String token = TestIssuer.jwt(email);
    assertThat(all(token, ListAuthorizedRequest.newBuilder().setType(SecurableType.SCHEMA).setParent(c).setPageSize(1),
        new ArrayList<>())).containsExactly(c + ".s", c + ".s2");
    assertThat(all(token, ListAuthorizedRequest.newBuilder().setType(SecurableType.CATALOG).setPageSize(1000), new ArrayList<>()))
        .contains(c);
    assertThat(all(token, tables(c + ".s2").setPageSize(4), new ArrayList<>())).hasSize(10);
    // A table created now is listed at once to the admin, and by schema-wide SELECT to the reader.
    sql("CREATE TABLE " + c + ".s2.late (id INT) LOCATION 's3://tokens/" + c + "/late'");
    assertThat(all(token, tables(c + ".s2").setPageSize(100), new ArrayList<>())).contains(c + ".s2.late").hasSize(11);
    assertThatThrownBy(() -> authz(token).listAuthorized(tables(c + ".nope").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> authz(token).listAuthorized(tables("nope.s").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).isEqualTo("Catalog 'nope' does not exist."));
  }
}
