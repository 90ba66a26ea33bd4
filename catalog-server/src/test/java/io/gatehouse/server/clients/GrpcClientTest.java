package io.gatehouse.server.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.DeadlineExceededException;
import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.GatehouseException;
import io.gatehouse.client.GatehouseGrpcClient;
import io.gatehouse.client.InvalidArgumentException;
import io.gatehouse.client.NotFoundException;
import io.gatehouse.client.PermissionDeniedException;
import io.gatehouse.client.UnauthenticatedException;
import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.AuthorizedSecurable;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The engines' gRPC API through the Java client, over the test server's gRPC socket. */
@QuarkusTest
class GrpcClientTest {
  private static GatehouseGrpcClient grpc(String token) {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    return GatehouseGrpcClient.builder("127.0.0.1", port).token(token).deadline(Duration.ofSeconds(20)).build();
  }

  private static GatehouseClient rest(String token) {
    return GatehouseClient.builder(JavaClientSuiteTest.host()).token(token).build();
  }

  /** A catalog whose table has a row filter and a mask; {@code reader} may read the table. */
  private static String world(String reader) {
    String catalog = Api.unique("grpcclient");
    rest(Api.ADMIN_TOKEN).sql().execute("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s;
        CREATE TABLE %1$s.s.t (id INT, region STRING, ssn STRING) LOCATION 's3://grpc-client/%1$s/t';
        CREATE TABLE %1$s.s.u (id INT) LOCATION 's3://grpc-client/%1$s/u';
        CREATE FUNCTION %1$s.s.f(region STRING) RETURN region = 'EU';
        CREATE FUNCTION %1$s.s.m(ssn STRING) RETURN '***';
        ALTER TABLE %1$s.s.t SET ROW FILTER %1$s.s.f ON (region);
        ALTER TABLE %1$s.s.t ALTER COLUMN ssn SET MASK %1$s.s.m;
        GRANT USE CATALOG, USE SCHEMA ON CATALOG %1$s TO `%2$s`;
        GRANT SELECT ON TABLE %1$s.s.t TO `%2$s`;
        """.formatted(catalog, reader));
    return catalog;
  }

  @Test
  void authorizeAndResolveTableAnswerForTheCaller() {
    String email = Identities.email("grpc-client");
    Identities.user(email);
    String catalog = world(email);
    try (GatehouseGrpcClient client = grpc(TestIssuer.jwt(email))) {
      AuthorizeResponse r = client.authorize(List.of(
          GatehouseGrpcClient.check(SecurableType.TABLE, catalog + ".s.t", Privilege.SELECT),
          GatehouseGrpcClient.check(SecurableType.TABLE, catalog + ".s.u", Privilege.SELECT),
          GatehouseGrpcClient.check(SecurableType.TABLE, catalog + ".s.missing", Privilege.SELECT)));
      assertThat(r.getDecisionsList()).extracting(d -> d.getAllowed()).containsExactly(true, false, false);
      assertThat(r.getDecisions(2).getError()).contains("does not exist");

      ResolveTableResponse t = client.resolveTable(catalog + ".s.t");
      assertThat(t.getTable().getColumnsList()).extracting(c -> c.getName()).containsExactly("id", "region", "ssn");
      assertThat(t.getRowFilter()).isEqualTo("(`region` = 'EU')");
      assertThat(t.getColumnMasksList()).singleElement().satisfies(m -> assertThat(m.getExpression()).isEqualTo("'***'"));

      assertThatThrownBy(() -> client.resolveTable(catalog + ".s.u")).isInstanceOfSatisfying(PermissionDeniedException.class,
          e -> assertThat(e.requestId()).isNotBlank());
      assertThat(client.listAuthorized(SecurableType.TABLE, catalog + ".s", null, 1, null).stream()
          .map(AuthorizedSecurable::getFullName)).containsExactly(catalog + ".s.t");
    }
    try (GatehouseGrpcClient admin = grpc(Api.ADMIN_TOKEN)) {
      assertThatThrownBy(() -> admin.resolveTable(catalog + ".s.nope")).isInstanceOf(NotFoundException.class);
      assertThat(admin.listAuthorized(SecurableType.TABLE, catalog + ".s", null, 1, null).stream()
          .map(AuthorizedSecurable::getFullName)).containsExactly(catalog + ".s.t", catalog + ".s.u");
      var tooMany = java.util.Collections.nCopies(1001, GatehouseGrpcClient.check(SecurableType.CATALOG, catalog, Privilege.USE_CATALOG));
      assertThatThrownBy(() -> admin.authorize(tooMany)).isInstanceOfSatisfying(InvalidArgumentException.class,
          e -> assertThat(e.getMessage()).contains("at most 1000"));
    }
  }

  @Test
  void badTokensAndPassedDeadlinesAreTypedExceptions() {
    try (GatehouseGrpcClient client = grpc("gat_not-a-token")) {
      assertThatThrownBy(() -> client.authorize(List.of())).isInstanceOf(UnauthenticatedException.class);
    }
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    try (GatehouseGrpcClient hasty = GatehouseGrpcClient.builder("127.0.0.1", port).token(Api.ADMIN_TOKEN)
        .deadline(Duration.ofNanos(1)).build()) {
      assertThatThrownBy(() -> hasty.authorize(List.of())).isInstanceOf(DeadlineExceededException.class);
    }
  }

  @Test
  void watchSeesAGrantAndEndsWhenTheTokenIsRevoked() throws Exception {
    String email = Identities.email("grpc-watcher");
    Identities.user(email);
    GatehouseClient user = rest(TestIssuer.jwt(email));
    CreatedToken token = user.tokens().create("watch", null);
    BlockingQueue<Long> versions = new ArrayBlockingQueue<>(100);
    BlockingQueue<GatehouseException> end = new ArrayBlockingQueue<>(1);
    try (GatehouseGrpcClient client = grpc(token.tokenValue());
        GatehouseGrpcClient.PolicyWatch watch = client.watchPolicyVersion(versions::add, e -> end.add(e))) {
      long first = versions.poll(20, TimeUnit.SECONDS);
      String catalog = Api.unique("watched");
      rest(Api.ADMIN_TOKEN).sql().execute("CREATE CATALOG " + catalog + "; GRANT USE CATALOG ON CATALOG " + catalog
          + " TO `" + email + "`");
      Long next = versions.poll(20, TimeUnit.SECONDS);
      assertThat(next).isNotNull().isGreaterThan(first);
      user.tokens().revoke(token.tokenInfo().tokenId());
      assertThat(end.poll(30, TimeUnit.SECONDS)).isInstanceOf(UnauthenticatedException.class);
    }
  }
}
