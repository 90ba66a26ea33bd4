package io.gatehouse.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.ListAuthorizedResponse;
import io.gatehouse.proto.v1.PolicyVersion;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.proto.v1.WatchPolicyVersionRequest;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engines' gRPC API over a real socket, with a plain grpc-java client. */
@QuarkusTest
class GrpcApiTest {
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
    return AuthorizationServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  static TableServiceGrpc.TableServiceBlockingStub tables(String token) {
    return TableServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token)).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  static Check check(SecurableType type, String name, Privilege privilege) {
    return Check.newBuilder().setSecurable(SecurableRef.newBuilder().setType(type).setFullName(name)).setPrivilege(privilege).build();
  }

  static void sql(String script) {
    Api.json().body(Map.of("statement", script)).post("/api/gatehouse/v1/sql").then().statusCode(200);
  }

  /** A catalog with one schema and an external table, readable by {@code reader} through a grant. */
  static String world(String reader) {
    String catalog = Api.unique("grpc");
    sql("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s;
        CREATE TABLE %1$s.s.t (id INT, region STRING, ssn STRING) LOCATION 's3://grpc/%1$s/t' TBLPROPERTIES ('k' = 'v');
        CREATE FUNCTION %1$s.s.f(region STRING) RETURN region = 'EU';
        CREATE FUNCTION %1$s.s.m(ssn STRING) RETURN CASE WHEN current_user() = 'nobody' THEN ssn ELSE 'xxx' END;
        ALTER TABLE %1$s.s.t SET ROW FILTER %1$s.s.f ON (region);
        ALTER TABLE %1$s.s.t ALTER COLUMN ssn SET MASK %1$s.s.m;
        ALTER TABLE %1$s.s.t ALTER COLUMN region SET TAGS ('geo' = 'region');
        GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG %1$s TO `%2$s`;
        """.formatted(catalog, reader));
    return catalog;
  }

  @Test
  void authorizeAnswersABatchInOrder() {
    String email = Identities.email("engine-user");
    Identities.user(email);
    String catalog = world(email);
    AuthorizeResponse r = authz(TestIssuer.jwt(email)).authorize(AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.TABLE, catalog + ".s.t", Privilege.SELECT))
        .addChecks(check(SecurableType.TABLE, catalog + ".s.t", Privilege.MODIFY))
        .addChecks(check(SecurableType.TABLE, catalog + ".s.missing", Privilege.SELECT))
        .addChecks(check(SecurableType.CATALOG, catalog, Privilege.USE_CATALOG))
        .build());
    assertThat(r.getDecisionsCount()).isEqualTo(4);
    assertThat(r.getDecisions(0).getAllowed()).isTrue();
    assertThat(r.getDecisions(0).getBasisList()).anySatisfy(b -> assertThat(b).contains("SELECT on catalog " + catalog));
    assertThat(r.getDecisions(1).getAllowed()).isFalse();
    assertThat(r.getDecisions(1).getReason()).contains("missing MODIFY");
    assertThat(r.getDecisions(2).getAllowed()).isFalse();
    assertThat(r.getDecisions(2).getError()).contains("does not exist");
    assertThat(r.getDecisions(3).getAllowed()).isTrue();
    assertThat(r.getPolicyVersion()).isPositive();

    String tableId = Api.get("/tables/" + catalog + ".s.t").statusCode(200).extract().path("table_id");
    AuthorizeResponse byId = authz(TestIssuer.jwt(email)).authorize(AuthorizeRequest.newBuilder()
        .addChecks(Check.newBuilder().setSecurable(SecurableRef.newBuilder().setType(SecurableType.TABLE).setId(tableId))
            .setPrivilege(Privilege.SELECT))
        .build());
    assertThat(byId.getDecisions(0).getAllowed()).isTrue();
  }

  private static List<Map<String, Object>> authorizeRecords(String principal, String securable) {
    var query = Api.json().queryParam("principal", principal).queryParam("action", "AUTHORIZE");
    if (securable != null) {
      query = query.queryParam("securable", securable);
    }
    return query.get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
  }

  @Test
  void authorizeCallIsOneAuditRecordFoundByPrincipalAndByEachOfItsSecurables() {
    String email = Identities.email("batch-audited");
    Identities.user(email);
    String catalog = world(email);
    String table = catalog + ".s.t";
    authz(TestIssuer.jwt(email)).authorize(AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.TABLE, table, Privilege.SELECT))
        .addChecks(check(SecurableType.TABLE, table, Privilege.MODIFY))
        .addChecks(check(SecurableType.CATALOG, catalog, Privilege.USE_CATALOG))
        .build());

    List<Map<String, Object>> byPrincipal = authorizeRecords(email, null);
    assertThat(byPrincipal).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("securable_type", "batch").containsEntry("result", "DENIED")
          .containsEntry("securable_names", List.of(table, catalog)).doesNotContainKey("securable_name");
      assertThat(e.get("detail").toString().split("\n")).satisfiesExactly(
          line -> assertThat(line).isEqualTo("table:" + table + ":SELECT:allowed"),
          line -> assertThat(line).startsWith("table:" + table + ":MODIFY:denied:").contains("missing MODIFY"),
          line -> assertThat(line).isEqualTo("catalog:" + catalog + ":USE_CATALOG:allowed"));
    });
    Object id = byPrincipal.get(0).get("id");
    for (String securable : List.of(table, catalog)) {
      assertThat(authorizeRecords(email, securable)).as(securable).singleElement()
          .satisfies(e -> assertThat(e).containsEntry("id", id));
    }
    assertThat(authorizeRecords(email, catalog + ".s")).isEmpty();

    // A lone check is a record on its securable.
    authz(TestIssuer.jwt(email)).authorize(AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.TABLE, table, Privilege.SELECT)).build());
    assertThat(authorizeRecords(email, table)).hasSize(2).first().satisfies(e -> assertThat(e)
        .containsEntry("securable_type", "table").containsEntry("securable_name", table).containsEntry("result", "ALLOWED")
        .containsEntry("detail", "table:" + table + ":SELECT:allowed").doesNotContainKey("securable_names"));
  }

  @Test
  void authorizeCallWhoseRecordCannotBeWrittenFailsUnavailable() throws Exception {
    String email = Identities.email("unrecordable-engine");
    Identities.user(email);
    String catalog = world(email);
    AuthorizeRequest batch = AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.TABLE, catalog + ".s.t", Privilege.SELECT))
        .addChecks(check(SecurableType.CATALOG, catalog, Privilege.USE_CATALOG))
        .build();
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    String constraint = "refuse_" + Math.abs(email.hashCode());
    try (Connection c = DriverManager.getConnection(url)) {
      // Records naming this user now violate a constraint, as a full disk or a broken link would fail them.
      c.createStatement().execute("ALTER TABLE audit_log ADD CONSTRAINT " + constraint
          + " CHECK (lower(principal) IS DISTINCT FROM lower('" + email + "')) NOT VALID");
      try {
        assertThatThrownBy(() -> authz(TestIssuer.jwt(email)).authorize(batch))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription()).contains("audit record");
            });
      } finally {
        c.createStatement().execute("ALTER TABLE audit_log DROP CONSTRAINT " + constraint);
      }
    }
    assertThat(authorizeRecords(email, null)).isEmpty();
    // Once records can be written again, so is the answer, with its record.
    assertThat(authz(TestIssuer.jwt(email)).authorize(batch).getDecisionsList()).allSatisfy(d -> assertThat(d.getAllowed()).isTrue());
    assertThat(authorizeRecords(email, null)).singleElement().satisfies(e -> assertThat(e).containsEntry("result", "ALLOWED"));
  }

  @Test
  void callsWithoutAValidTokenAreUnauthenticated() {
    assertThatThrownBy(() -> AuthorizationServiceGrpc.newBlockingStub(channel).authorize(AuthorizeRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThatThrownBy(() -> authz("gat_not-a-token").authorize(AuthorizeRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  @Test
  void badRequestsGetInvalidArgumentAndOversizedOnesResourceExhausted() {
    AuthorizeRequest.Builder many = AuthorizeRequest.newBuilder();
    for (int i = 0; i < 1001; i++) {
      many.addChecks(check(SecurableType.CATALOG, "c" + i, Privilege.USE_CATALOG));
    }
    assertThatThrownBy(() -> authz(Api.ADMIN_TOKEN).authorize(many.build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("at most 1000");
        });
    assertThatThrownBy(() -> authz(Api.ADMIN_TOKEN).authorize(AuthorizeRequest.newBuilder()
        .addChecks(Check.newBuilder().setSecurable(SecurableRef.newBuilder().setFullName("x"))).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    String huge = "x".repeat(5 * 1024 * 1024);
    assertThatThrownBy(() -> authz(Api.ADMIN_TOKEN).authorize(AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.CATALOG, huge, Privilege.USE_CATALOG)).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
  }

  @Test
  void deadlinesAreHonoured() {
    assertThatThrownBy(() -> AuthorizationServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(Api.ADMIN_TOKEN))
        .withDeadlineAfter(1, TimeUnit.NANOSECONDS).authorize(AuthorizeRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  void resolveTableGivesMetadataFilterAndMasksForThePrincipal() {
    String email = Identities.email("resolver");
    Identities.user(email);
    String catalog = world(email);
    ResolveTableResponse r = tables(TestIssuer.jwt(email)).resolveTable(
        ResolveTableRequest.newBuilder().setFullName(catalog + ".s.t").build());
    assertThat(r.getTable().getFullName()).isEqualTo(catalog + ".s.t");
    assertThat(r.getTable().getTableType()).isEqualTo("EXTERNAL");
    assertThat(r.getTable().getStorageLocation()).isEqualTo("s3://grpc/" + catalog + "/t");
    assertThat(r.getTable().getColumnsList()).extracting(c -> c.getName()).containsExactly("id", "region", "ssn");
    assertThat(r.getTable().getColumns(1).getTagsMap()).containsEntry("geo", "region");
    assertThat(r.getTable().getPropertiesMap()).containsEntry("k", "v");
    assertThat(r.getRowFilterFunction()).isEqualTo(catalog + ".s.f");
    assertThat(r.getRowFilter()).isEqualTo("(`region` = 'EU')");
    assertThat(r.getColumnMasksList()).singleElement().satisfies(m -> {
      assertThat(m.getColumn()).isEqualTo("ssn");
      assertThat(m.getExpression()).isEqualTo("'xxx'");
    });
    assertThat(r.getPrincipal()).isEqualTo(email.toLowerCase());

    String stranger = Identities.email("stranger");
    Identities.user(stranger);
    assertThatThrownBy(() -> tables(TestIssuer.jwt(stranger)).resolveTable(
        ResolveTableRequest.newBuilder().setFullName(catalog + ".s.t").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThatThrownBy(() -> tables(Api.ADMIN_TOKEN).resolveTable(
        ResolveTableRequest.newBuilder().setFullName(catalog + ".s.nope").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> tables(TestIssuer.jwt(email)).resolveTable(ResolveTableRequest.newBuilder()
        .setFullName(catalog + ".s.t").setCredentials(CredentialOperation.READ).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          // Credentials follow the rules of temporary-table-credentials: an outside engine needs
          // EXTERNAL USE SCHEMA, and files of a filtered or masked table are not handed out.
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("temporary table credentials");
        });
  }

  @Test
  void enginesActForUsersOnlyWithTheEnginePermission() {
    String email = Identities.email("end-user");
    Identities.user(email);
    String catalog = world(email);
    String appId = Api.unique("spark-engine");
    String sp = Identities.servicePrincipal(appId);
    String token = Api.json().body(Map.of("application_id", appId, "lifetime_seconds", 600))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
    AuthorizeRequest forUser = AuthorizeRequest.newBuilder()
        .addChecks(check(SecurableType.TABLE, catalog + ".s.t", Privilege.SELECT)).setOnBehalfOf(email).build();
    assertThatThrownBy(() -> authz(token).authorize(forUser))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("engines");
        });

    String engines = groupIdOrCreate("engines");
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
        "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", sp))))))
        .patch(Identities.SCIM + "/Groups/" + engines).then().statusCode(200);
    AuthorizeResponse r = authz(token).authorize(forUser.toBuilder().setOnBehalfOf(email).build());
    assertThat(r.getDecisions(0).getAllowed()).isTrue();
    // The engine itself holds nothing on the table: the decision was the end user's.
    assertThat(authz(token).authorize(forUser.toBuilder().clearOnBehalfOf().build()).getDecisions(0).getAllowed()).isFalse();
    assertThatThrownBy(() -> authz(token).authorize(forUser.toBuilder().setOnBehalfOf("ghost@example.com").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

    List<Map<String, Object>> events = Api.json().queryParam("securable", catalog + ".s.t").queryParam("principal", email)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("acting_principal", appId)
        .containsEntry("action", "AUTHORIZE").containsEntry("result", "ALLOWED"));
  }

  private static String groupIdOrCreate(String name) {
    String id = Identities.scim().queryParam("filter", "displayName eq \"" + name + "\"").get(Identities.SCIM + "/Groups")
        .then().statusCode(200).extract().path("Resources[0].id");
    return id != null ? id : Identities.group(name);
  }

  @Test
  void listAuthorizedPagesThroughWhatThePrincipalMayUse() {
    String email = Identities.email("lister");
    Identities.user(email);
    String catalog = Api.unique("grpclist");
    sql("CREATE CATALOG " + catalog + "; CREATE SCHEMA " + catalog + ".s;"
        + " CREATE TABLE " + catalog + ".s.a (x INT) LOCATION 's3://l/" + catalog + "/a';"
        + " CREATE TABLE " + catalog + ".s.b (x INT) LOCATION 's3://l/" + catalog + "/b';"
        + " CREATE TABLE " + catalog + ".s.c (x INT) LOCATION 's3://l/" + catalog + "/c';"
        + " GRANT USE CATALOG, USE SCHEMA ON CATALOG " + catalog + " TO `" + email + "`;"
        + " GRANT SELECT ON TABLE " + catalog + ".s.a TO `" + email + "`;"
        + " GRANT MODIFY ON TABLE " + catalog + ".s.b TO `" + email + "`");
    ListAuthorizedRequest first = ListAuthorizedRequest.newBuilder().setType(SecurableType.TABLE)
        .setParent(catalog + ".s").setPageSize(1).build();
    ListAuthorizedResponse p1 = authz(TestIssuer.jwt(email)).listAuthorized(first);
    assertThat(p1.getSecurablesList()).extracting(s -> s.getFullName()).containsExactly(catalog + ".s.a");
    ListAuthorizedResponse p2 = authz(TestIssuer.jwt(email)).listAuthorized(first.toBuilder().setPageToken(p1.getNextPageToken()).build());
    assertThat(p2.getSecurablesList()).extracting(s -> s.getFullName()).containsExactly(catalog + ".s.b");
    assertThat(p2.getNextPageToken()).isEmpty();
    ListAuthorizedResponse selectable = authz(TestIssuer.jwt(email)).listAuthorized(
        first.toBuilder().setPageSize(10).setPrivilege(Privilege.SELECT).build());
    assertThat(selectable.getSecurablesList()).extracting(s -> s.getFullName()).containsExactly(catalog + ".s.a");
  }

  @Test
  void watchSeesAPolicyChangeAndEndsWhenTheTokenIsRevoked() throws Exception {
    String email = Identities.email("watcher");
    Identities.user(email);
    var created = Identities.as(TestIssuer.jwt(email)).contentType("application/json").body(Map.of("comment", "watch"))
        .post("/api/2.0/token/create").then().statusCode(200).extract();
    String token = created.path("token_value");
    String tokenId = created.path("token_info.token_id");
    Iterator<PolicyVersion> stream = AuthorizationServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token))
        .withDeadlineAfter(30, TimeUnit.SECONDS).watchPolicyVersion(WatchPolicyVersionRequest.getDefaultInstance());
    long first = stream.next().getVersion();
    assertThat(first).isPositive();

    String catalog = Api.unique("watched");
    sql("CREATE CATALOG " + catalog + "; GRANT USE CATALOG ON CATALOG " + catalog + " TO `" + email + "`");
    long next = stream.next().getVersion();
    assertThat(next).isGreaterThan(first);

    Identities.as(token).contentType("application/json").body(Map.of("token_id", tokenId))
        .post("/api/2.0/token/delete").then().statusCode(200);
    assertThatThrownBy(() -> {
      while (stream.hasNext()) {
        stream.next();
      }
    }).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }
}
