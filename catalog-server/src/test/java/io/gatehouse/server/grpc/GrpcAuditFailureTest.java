package io.gatehouse.server.grpc;

import static io.gatehouse.server.grpc.GrpcApiTest.check;
import static io.gatehouse.server.grpc.GrpcApiTest.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A call whose audit record PostgreSQL refuses fails UNAVAILABLE and leaks no decision, on the
 * event-loop path too (the caller verified moments before, so its call is decided on the event
 * loop and answered from the group commit's completion). The refusal is real: a trigger on
 * audit_log raises for the records of one principal and action, as a full disk or a lost link
 * would fail them; it is dropped afterwards.
 */
@QuarkusTest
class GrpcAuditFailureTest {

  /** Runs {@code body} while audit_log refuses the records of {@code principal} with {@code action}. */
  private static void whileRefused(String principal, String action, Runnable body) throws Exception {
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    String name = "refuse_" + Math.abs((principal + action).hashCode());
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " IF lower(NEW.principal) = lower('" + principal + "') AND NEW.action = '" + action + "' THEN"
          + " RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$");
      s.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION " + name + "()");
      try {
        body.run();
      } finally {
        s.execute("DROP TRIGGER " + name + " ON audit_log");
        s.execute("DROP FUNCTION " + name + "()");
      }
    }
  }

  private static List<Map<String, Object>> records(String principal, String action) {
    return Api.json().queryParam("principal", principal).queryParam("action", action)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
  }

  private static void assertUnavailable(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("audit record");
    });
  }

  private static ListAuthorizedRequest tablesOf(String catalog) {
    return ListAuthorizedRequest.newBuilder().setType(SecurableType.TABLE).setParent(catalog + ".s").build();
  }

  @Test
  void authorizeFailsUnavailableOnTheEventLoopWhenTheTrailRefusesItsRecord() throws Exception {
    String email = Identities.email("refused-fast");
    Identities.user(email);
    String catalog = world(email);
    String token = TestIssuer.jwt(email);
    AuthorizeRequest one = AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.TABLE, catalog + ".s.t", Privilege.SELECT)).build();
    AuthorizeRequest two = one.toBuilder().addChecks(check(SecurableType.CATALOG, catalog, Privilege.USE_CATALOG)).build();
    whileRefused(email, "AUTHORIZE", () -> {
      for (int round = 0; round < 3; round++) {
        // A listing (another action, written) verifies the caller: the next call finds it in memory.
        assertThat(authz(token).listAuthorized(tablesOf(catalog)).getSecurablesCount()).isEqualTo(1);
        assertUnavailable(() -> authz(token).authorize(one));
        assertUnavailable(() -> authz(token).authorize(two));
      }
      // Many calls in flight at once share group commits: every one of them fails, none answers.
      List<CompletableFuture<Object>> inFlight = new ArrayList<>();
      var stub = AuthorizationServiceGrpc.newStub(channel()).withCallCredentials(GrpcApiTest.bearer(token))
          .withDeadlineAfter(20, TimeUnit.SECONDS);
      for (int i = 0; i < 32; i++) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        inFlight.add(outcome);
        stub.authorize(i % 2 == 0 ? one : two, new StreamObserver<>() {
          @Override
          public void onNext(AuthorizeResponse value) {
            outcome.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            outcome.complete(t);
          }

          @Override
          public void onCompleted() {}
        });
      }
      for (CompletableFuture<Object> outcome : inFlight) {
        assertThat(outcome.join()).isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      }
    });
    // Nothing was decided on the record: no AUTHORIZE record of this principal exists.
    assertThat(records(email, "AUTHORIZE")).isEmpty();
    // Once records can be written again, so is the answer, with its record.
    assertThat(authz(token).authorize(two).getDecisionsList()).allSatisfy(d -> assertThat(d.getAllowed()).isTrue());
    assertThat(records(email, "AUTHORIZE")).singleElement().satisfies(e -> assertThat(e).containsEntry("result", "ALLOWED"));
  }

  @Test
  void resolveTableAndListAuthorizedFailUnavailableWhenTheTrailRefusesTheirRecords() throws Exception {
    String email = Identities.email("refused-resolve");
    Identities.user(email);
    String catalog = world(email);
    String token = TestIssuer.jwt(email);
    AuthorizeRequest warm = AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.TABLE, catalog + ".s.t", Privilege.SELECT)).build();
    whileRefused(email, "RESOLVE_TABLE", () -> {
      for (int round = 0; round < 3; round++) {
        assertThat(authz(token).authorize(warm).getDecisions(0).getAllowed()).isTrue();
        assertUnavailable(() -> tables(token).resolveTable(ResolveTableRequest.newBuilder().setFullName(catalog + ".s.t").build()));
      }
    });
    whileRefused(email, "LIST_TABLES", () -> {
      for (int round = 0; round < 3; round++) {
        assertThat(authz(token).authorize(warm).getDecisions(0).getAllowed()).isTrue();
        assertUnavailable(() -> authz(token).listAuthorized(tablesOf(catalog)));
      }
    });
    assertThat(records(email, "RESOLVE_TABLE")).isEmpty();
    assertThat(records(email, "LIST_TABLES")).isEmpty();
    assertThat(tables(token).resolveTable(ResolveTableRequest.newBuilder().setFullName(catalog + ".s.t").build())
        .getTable().getFullName()).isEqualTo(catalog + ".s.t");
    assertThat(records(email, "RESOLVE_TABLE")).singleElement().satisfies(e -> assertThat(e).containsEntry("result", "ALLOWED"));
  }

  private static ManagedChannel channel;

  private static AuthorizationServiceGrpc.AuthorizationServiceBlockingStub authz(String token) {
    return AuthorizationServiceGrpc.newBlockingStub(channel()).withCallCredentials(GrpcApiTest.bearer(token))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  private static TableServiceGrpc.TableServiceBlockingStub tables(String token) {
    return TableServiceGrpc.newBlockingStub(channel()).withCallCredentials(GrpcApiTest.bearer(token))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @AfterAll
  static void disconnect() {
    if (channel != null) {
      channel.shutdownNow();
    }
  }

  private static synchronized ManagedChannel channel() {
    if (channel == null) {
      int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
      channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
    return channel;
  }
}
