package io.gatehouse.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * ResolveTable beneath a view ({@code through_view}), ownership chaining as Databricks has it: the
 * reader's SELECT on the view, the view owner's SELECT on the table now, the reader's filter and
 * masks; only for the tables the view names, only READ, only to an engine acting for the reader.
 */
@QuarkusTest
class ResolveThroughViewTest {
  private LakeWorld lake;
  private ManagedChannel channel;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterEach
  void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private ResolveTableResponse resolve(String bearer, String table, String view, String onBehalfOf, CredentialOperation op) {
    Metadata auth = new Metadata();
    auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bearer);
    ResolveTableRequest.Builder request = ResolveTableRequest.newBuilder().setFullName(table).setCredentials(op)
        .setThroughView(view);
    if (onBehalfOf != null) {
      request.setOnBehalfOf(onBehalfOf);
    }
    return TableServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
        .withDeadlineAfter(30, TimeUnit.SECONDS).resolveTable(request.build());
  }

  private static void refused(ThrowingCallable call, Status.Code code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(message);
    });
  }

  /** A table with a row filter (EMEA) and a mask on ssn, as ResolveTableForEnginesTest governs it. */
  private String governedTable() {
    String name = Api.unique("beneath");
    lake.put("warehouse/" + name + "/part-0.parquet", "rows of " + name);
    Map<String, Object> body = Api.externalTable(lake.catalog, lake.schema, name, lake.url("warehouse/" + name));
    body.put("columns", List.of(Api.column("id", "LONG"), Api.column("region", "STRING"), Api.column("ssn", "STRING")));
    Api.post("/tables", body).statusCode(200);
    String t = lake.fullName(name);
    String f = lake.catalog + "." + lake.schema + "." + Api.unique("f");
    String m = lake.catalog + "." + lake.schema + "." + Api.unique("m");
    Api.json().body(Map.of("statement", """
        CREATE FUNCTION %2$s(region STRING) RETURN region = 'EMEA';
        CREATE FUNCTION %3$s(ssn STRING) RETURN '***';
        ALTER TABLE %1$s SET ROW FILTER %2$s ON (region);
        ALTER TABLE %1$s ALTER COLUMN ssn SET MASK %3$s;
        """.formatted(t, f, m))).post("/api/gatehouse/v1/sql").then().statusCode(200);
    return t;
  }

  /** A view over {@code tables} (its dependencies), made by the admin and given to {@code owner}. */
  private String view(String owner, String... tables) {
    String name = Api.unique("v");
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("catalog_name", lake.catalog);
    body.put("schema_name", lake.schema);
    body.put("table_type", "VIEW");
    body.put("view_definition", "SELECT id FROM " + String.join(", ", tables));
    body.put("columns", List.of(Api.column("id", "LONG")));
    List<Object> dependencies = new ArrayList<>();
    for (String t : tables) {
      dependencies.add(Map.of("table", Map.of("table_full_name", t)));
    }
    body.put("view_dependencies", Map.of("dependencies", dependencies));
    Api.post("/tables", body).statusCode(200);
    String view = lake.fullName(name);
    Api.patch("/tables/" + view, Map.of("owner", owner)).statusCode(200);
    return view;
  }

  private static String engineToken() {
    String appId = Api.unique("view-engine");
    String id = Identities.servicePrincipal(appId);
    Storage.joinGroup("engines", id);
    return Api.json().body(Map.of("application_id", appId, "lifetime_seconds", 600))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
  }

  private static String scimId(String userName) {
    return Identities.scim().queryParam("filter", "userName eq \"" + userName + "\"").get(Identities.SCIM + "/Users")
        .then().statusCode(200).extract().path("Resources[0].id");
  }

  @Test
  void aReaderOfTheViewReadsTheTableWithTheOwnersRightAndItsOwnPolicy() {
    String table = governedTable();
    String name = table.substring(table.lastIndexOf('.') + 1);
    String owner = Storage.user("view-owner");
    lake.outsideEngine(owner);
    Storage.grant("table", table, owner, "SELECT");
    String view = view(owner, table);
    String reader = Storage.user("view-reader");
    lake.outsideEngine(reader);
    Storage.grant("table", view, reader, "SELECT");
    String engine = engineToken();

    ResolveTableResponse r = resolve(engine, table, view, reader, CredentialOperation.READ);
    assertThat(r.getPrincipal()).isEqualTo(reader.toLowerCase());
    assertThat(r.getRowFilter()).isEqualTo("(`region` = 'EMEA')");
    assertThat(r.getColumnMasksList()).extracting(m -> m.getExpression()).containsExactly("'***'");
    S3Client s3 = lake.ceph.s3(r.getCredentials().getAccessKeyId(), r.getCredentials().getSecretAccessKey(),
        r.getCredentials().getSessionToken());
    assertThat(lake.read(s3, "warehouse/" + name + "/part-0.parquet")).isEqualTo("rows of " + name);
    // Other spellings of the view and the table.
    assertThat(resolve(engine, table.toUpperCase(), view.toUpperCase(), reader, CredentialOperation.READ).getTable()
        .getFullName()).isEqualToIgnoringCase(table);

    // The reader alone has no right on the table, and no other path to it.
    refused(() -> resolve(engine, table, "", reader, CredentialOperation.READ), Status.Code.PERMISSION_DENIED, "SELECT");
    refused(() -> resolve(engine, table, view, reader, CredentialOperation.READ_WRITE), Status.Code.INVALID_ARGUMENT,
        "never through a view");
    refused(() -> resolve(TestIssuer.jwt(reader), table, view, null, CredentialOperation.READ),
        Status.Code.PERMISSION_DENIED, "engine of the engines group");
    String stranger = Storage.user("view-stranger");
    lake.outsideEngine(stranger);
    refused(() -> resolve(engine, table, view, stranger, CredentialOperation.READ), Status.Code.PERMISSION_DENIED, "SELECT");

    // The owner losing SELECT breaks the view, and getting it back mends it.
    Api.patch("/permissions/table/" + table, Map.of("changes", List.of(Map.of("principal", owner, "add", List.of(),
        "remove", List.of("SELECT"))))).statusCode(200);
    refused(() -> resolve(engine, table, view, reader, CredentialOperation.READ), Status.Code.PERMISSION_DENIED,
        "owner '" + owner + "'");
    Storage.grant("table", table, owner, "SELECT");
    assertThat(resolve(engine, table, view, reader, CredentialOperation.READ).hasCredentials()).isTrue();
  }

  @Test
  void aViewLendsItsOwnersRightOnlyToTheTablesItNames() {
    String table = governedTable();
    String other = governedTable();
    String owner = Storage.user("broad-owner");
    lake.outsideEngine(owner);
    Storage.grant("table", table, owner, "SELECT");
    Storage.grant("table", other, owner, "SELECT");
    String view = view(owner, table);
    String beneath = view(owner, view);
    String reader = Storage.user("narrow-reader");
    lake.outsideEngine(reader);
    Storage.grant("table", view, reader, "SELECT");
    Storage.grant("table", beneath, reader, "SELECT");
    Storage.grant("table", table, reader, "SELECT"); // a table the reader may read is no view
    String engine = engineToken();

    refused(() -> resolve(engine, other, view, reader, CredentialOperation.READ), Status.Code.PERMISSION_DENIED,
        "does not name table " + other);
    refused(() -> resolve(engine, view, beneath, reader, CredentialOperation.READ), Status.Code.INVALID_ARGUMENT,
        "views over views are not served");
    refused(() -> resolve(engine, table, table, reader, CredentialOperation.READ), Status.Code.INVALID_ARGUMENT,
        "is no view");
    refused(() -> resolve(engine, table, lake.fullName("no_such_view"), reader, CredentialOperation.READ),
        Status.Code.NOT_FOUND, "does not exist");
  }

  @Test
  void aGroupOwnsAViewByTheRightsOfTheGroupsAboveIt() {
    String table = governedTable();
    String parent = Api.unique("view-parents");
    String owners = Api.unique("view-owners");
    String ownersId = Identities.group(owners);
    Identities.group(parent, ownersId);
    lake.outsideEngine(parent);
    Storage.grant("table", table, parent, "SELECT");
    String view = view(owners, table);
    String reader = Storage.user("group-view-reader");
    lake.outsideEngine(reader);
    Storage.grant("table", view, reader, "SELECT");
    String engine = engineToken();
    assertThat(resolve(engine, table, view, reader, CredentialOperation.READ).hasCredentials()).isTrue();

    // A member of the owning group holding SELECT lends nothing: the owner is the group.
    String member = Storage.user("owner-member");
    Storage.joinGroup(owners, scimId(member));
    Storage.grant("table", table, member, "SELECT");
    Api.patch("/permissions/table/" + table, Map.of("changes", List.of(Map.of("principal", parent, "add", List.of(),
        "remove", List.of("SELECT"))))).statusCode(200);
    refused(() -> resolve(engine, table, view, reader, CredentialOperation.READ), Status.Code.PERMISSION_DENIED,
        "owner '" + owners + "'");
  }
}
