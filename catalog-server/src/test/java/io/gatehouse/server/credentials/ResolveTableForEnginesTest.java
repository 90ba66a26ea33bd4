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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the Spark connector needs from ResolveTable (issue 16): credentials for filtered and masked
 * tables only for an engine of the engines group acting for a user, never for the user alone; no
 * mask entry for a reader the mask exempts; the dialect stated.
 */
@QuarkusTest
class ResolveTableForEnginesTest {
  private LakeWorld lake;
  private ManagedChannel channel;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get(); // after the server is up
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterEach
  void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private ResolveTableResponse resolve(String bearer, String table, String onBehalfOf, CredentialOperation op) {
    Metadata auth = new Metadata();
    auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bearer);
    ResolveTableRequest.Builder request = ResolveTableRequest.newBuilder().setFullName(table).setCredentials(op);
    if (onBehalfOf != null) {
      request.setOnBehalfOf(onBehalfOf);
    }
    return TableServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
        .withDeadlineAfter(30, TimeUnit.SECONDS).resolveTable(request.build());
  }

  /** A table in the lake with a row filter on region and a mask on ssn that members of {@code exempt} escape. */
  private String governedTable(String exempt) {
    String name = Api.unique("engine_orders");
    lake.put("warehouse/" + name + "/part-0.parquet", "rows of " + name);
    Map<String, Object> body = Api.externalTable(lake.catalog, lake.schema, name, lake.url("warehouse/" + name));
    body.put("columns", List.of(Api.column("id", "LONG"), Api.column("region", "STRING"), Api.column("ssn", "STRING")));
    Api.post("/tables", body).statusCode(200);
    String t = lake.fullName(name);
    String f = lake.catalog + "." + lake.schema + "." + Api.unique("f");
    String m = lake.catalog + "." + lake.schema + "." + Api.unique("m");
    Api.json().body(Map.of("statement", """
        CREATE FUNCTION %2$s(region STRING) RETURN region = 'EMEA';
        CREATE FUNCTION %3$s(ssn STRING) RETURN CASE WHEN is_account_group_member('%4$s') THEN ssn ELSE '***' END;
        ALTER TABLE %1$s SET ROW FILTER %2$s ON (region);
        ALTER TABLE %1$s ALTER COLUMN ssn SET MASK %3$s;
        """.formatted(t, f, m, exempt))).post("/api/gatehouse/v1/sql").then().statusCode(200);
    return t;
  }

  /** A service principal in the engines group; returns its access token. */
  private static String engineToken() {
    String appId = Api.unique("spark-engine");
    String id = Identities.servicePrincipal(appId);
    Storage.joinGroup("engines", id);
    return Api.json().body(Map.of("application_id", appId, "lifetime_seconds", 600))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
  }

  @Test
  void trustedEngineActingForAUserGetsCredentialsForAMaskedTableAndTheUserAloneNever() {
    String table = governedTable(Api.unique("hr"));
    String name = table.substring(table.lastIndexOf('.') + 1);
    String reader = Storage.user("masked-reader");
    lake.outsideEngine(reader);
    Storage.grant("table", table, reader, "SELECT");

    assertThatThrownBy(() -> resolve(TestIssuer.jwt(reader), table, null, CredentialOperation.READ))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    // Without credentials the user still learns the filter and masks (the engine path without files).
    assertThat(resolve(TestIssuer.jwt(reader), table, null, CredentialOperation.CREDENTIAL_OPERATION_UNSPECIFIED)
        .getColumnMasksCount()).isEqualTo(1);

    String engine = engineToken();
    ResolveTableResponse r = resolve(engine, table, reader, CredentialOperation.READ);
    assertThat(r.getPrincipal()).isEqualTo(reader.toLowerCase());
    assertThat(r.getDialect()).isEqualTo("spark-sql");
    assertThat(r.getRowFilter()).isEqualTo("(`region` = 'EMEA')");
    assertThat(r.getColumnMasksList()).singleElement().satisfies(m -> {
      assertThat(m.getColumn()).isEqualTo("ssn");
      assertThat(m.getExpression()).isEqualTo("'***'");
    });
    S3Client s3 = lake.ceph.s3(r.getCredentials().getAccessKeyId(), r.getCredentials().getSecretAccessKey(),
        r.getCredentials().getSessionToken());
    assertThat(lake.read(s3, "warehouse/" + name + "/part-0.parquet")).isEqualTo("rows of " + name);

    // The engine acting as itself is an untrusted caller like any other: no grant, no files.
    assertThatThrownBy(() -> resolve(engine, table, null, CredentialOperation.READ))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void readerTheMaskExemptsGetsNoMaskEntry() {
    String hr = Api.unique("hr");
    String table = governedTable(hr);
    String exempt = Storage.user("exempt-reader");
    String id = Identities.scim().queryParam("filter", "userName eq \"" + exempt + "\"").get(Identities.SCIM + "/Users")
        .then().statusCode(200).extract().path("Resources[0].id");
    Storage.joinGroup(hr, id);
    String masked = Storage.user("masked-reader");
    for (String reader : List.of(exempt, masked)) {
      lake.outsideEngine(reader);
      Storage.grant("table", table, reader, "SELECT");
    }
    String engine = engineToken();
    assertThat(resolve(engine, table, exempt, CredentialOperation.READ).getColumnMasksList()).isEmpty();
    assertThat(resolve(engine, table, masked, CredentialOperation.READ).getColumnMasksList())
        .extracting(m -> m.getExpression()).containsExactly("'***'");
  }

  @Test
  void writerWithModifyButNoSelectResolvesForAWriteThroughATrustedEngineOnly() {
    String table = governedTable(Api.unique("hr"));
    String writer = Storage.user("blind-writer");
    lake.outsideEngine(writer);
    Storage.grant("table", table, writer, "MODIFY");
    String engine = engineToken();

    ResolveTableResponse r = resolve(engine, table, writer, CredentialOperation.READ_WRITE);
    assertThat(r.getTable().getStorageLocation()).isNotEmpty();
    assertThat(r.getCredentials().getAccessKeyId()).isNotEmpty();
    assertThatThrownBy(() -> resolve(engine, table, writer, CredentialOperation.READ))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("SELECT");
        });
    // Alone, the writer would get credentials that read as well: SELECT is still needed for them.
    assertThatThrownBy(() -> resolve(TestIssuer.jwt(writer), table, null, CredentialOperation.READ_WRITE))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void everyColumnInTheFilterAndMasksIsBackquotedForSpark() {
    String name = Api.unique("quoted");
    Map<String, Object> body = Api.externalTable(lake.catalog, lake.schema, name, lake.url("warehouse/" + name));
    body.put("columns", List.of(Api.column("order", "INT"), Api.column("ssn", "STRING")));
    Api.post("/tables", body).statusCode(200);
    String t = lake.fullName(name);
    String f = lake.catalog + "." + lake.schema + "." + Api.unique("f");
    String m = lake.catalog + "." + lake.schema + "." + Api.unique("m");
    Api.json().body(Map.of("statement", """
        CREATE FUNCTION %2$s(o INT) RETURN o > 1;
        CREATE FUNCTION %3$s(ssn STRING, o INT) RETURN CASE WHEN o > 5 THEN ssn ELSE 'x' END;
        ALTER TABLE %1$s SET ROW FILTER %2$s ON (`order`);
        ALTER TABLE %1$s ALTER COLUMN ssn SET MASK %3$s USING COLUMNS (`order`);
        """.formatted(t, f, m))).post("/api/gatehouse/v1/sql").then().statusCode(200);
    ResolveTableResponse r = resolve(Api.ADMIN_TOKEN, t, null, CredentialOperation.CREDENTIAL_OPERATION_UNSPECIFIED);
    assertThat(r.getDialect()).isEqualTo("spark-sql");
    assertThat(r.getRowFilter()).isEqualTo("(`order` > 1)");
    assertThat(r.getColumnMasksList()).singleElement()
        .satisfies(mask -> assertThat(mask.getExpression()).contains("(`order` > 5)").contains("THEN `ssn`")
            .doesNotContain(" order ").doesNotContain(" ssn "));
  }
}
