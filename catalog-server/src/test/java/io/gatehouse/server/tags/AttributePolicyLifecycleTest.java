package io.gatehouse.server.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Policies under live engines: tags added and removed, conflicts, explain, SHOW and DESCRIBE, the REST API. */
@QuarkusTest
class AttributePolicyLifecycleTest {
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

  /** A catalog with one table (id, region, phone) readable by everyone, and a reader. */
  private static String[] world() {
    String c = Api.unique("abaclive");
    String reader = Identities.email("abac-reader");
    Identities.user(reader);
    TagPolicyWorld.sql("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s;
        CREATE TABLE %1$s.s.t (id INT, region STRING, phone STRING) LOCATION 's3://abac/%1$s/t';
        CREATE FUNCTION %1$s.s.only_region(r STRING) RETURN r = 'EMEA';
        CREATE FUNCTION %1$s.s.only_id(i INT) RETURN i > 0;
        CREATE FUNCTION %1$s.s.hide(v STRING) RETURN 'x';
        GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG %1$s TO `account users`;
        CREATE POLICY by_region ON SCHEMA %1$s.s ROW FILTER %1$s.s.only_region TO `account users` FOR TABLES
          WHEN hasTagValue('Sensitivity', 'high') MATCH COLUMNS hasTag('geo') AS g USING COLUMNS (g);
        CREATE POLICY phones ON CATALOG %1$s COLUMN MASK %1$s.s.hide TO `account users` FOR TABLES
          MATCH COLUMNS hasTag('phone') AS p ON COLUMN p;
        """.formatted(c));
    return new String[] {c, reader};
  }

  @Test
  void tagsAddedAndRemovedChangeWhatEnginesReceiveAtOnce() {
    String[] w = world();
    String c = w[0];
    String table = c + ".s.t";
    ResolveTableResponse before = TagPolicyCasesTest.resolve(channel, w[1], table);
    assertThat(before.getRowFilter()).isEmpty();
    assertThat(before.getColumnMasksList()).isEmpty();

    // Tagged after the policies were made: covered from the version that tagged them, the schema's
    // tag reaching the table below it.
    TagPolicyWorld.sql("""
        ALTER SCHEMA %1$s.s SET TAGS ('sensitivity' = 'high');
        ALTER TABLE %1$s.s.t ALTER COLUMN region SET TAGS ('GEO');
        ALTER TABLE %1$s.s.t ALTER COLUMN phone SET TAGS ('phone');
        """.formatted(c));
    ResolveTableResponse tagged = TagPolicyCasesTest.resolve(channel, w[1], table);
    assertThat(tagged.getPolicyVersion()).isGreaterThan(before.getPolicyVersion());
    assertThat(tagged.getRowFilter()).isEqualTo("(`region` = 'EMEA')");
    assertThat(TagPolicyCasesTest.masks(tagged)).containsExactly(Map.entry("phone", "'x'"));

    // A value the WHEN condition does not name, and a tag removed: covered no more.
    TagPolicyWorld.sql("""
        ALTER SCHEMA %1$s.s SET TAGS ('sensitivity' = 'low');
        ALTER TABLE %1$s.s.t ALTER COLUMN phone UNSET TAGS ('PHONE');
        """.formatted(c));
    ResolveTableResponse untagged = TagPolicyCasesTest.resolve(channel, w[1], table);
    assertThat(untagged.getPolicyVersion()).isGreaterThan(tagged.getPolicyVersion());
    assertThat(untagged.getRowFilter()).isEmpty();
    assertThat(untagged.getColumnMasksList()).isEmpty();
  }

  @Test
  void twoRowFiltersForOneReaderFailClosedNamingBothPolicies() {
    String[] w = world();
    String c = w[0];
    TagPolicyWorld.sql("""
        ALTER CATALOG %1$s SET TAGS ('sensitivity' = 'high');
        ALTER TABLE %1$s.s.t ALTER COLUMN region SET TAGS ('geo');
        ALTER TABLE %1$s.s.t ALTER COLUMN id SET TAGS ('key');
        CREATE POLICY by_id ON TABLE %1$s.s.t ROW FILTER %1$s.s.only_id TO `%2$s` FOR TABLES
          MATCH COLUMNS hasTag('key') AS k USING COLUMNS (k);
        """.formatted(c, w[1]));
    assertThatThrownBy(() -> TagPolicyCasesTest.resolve(channel, w[1], c + ".s.t"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription()).contains("policy by_region on schema " + c + ".s")
              .contains("policy by_id on table " + c + ".s.t").contains("at most one");
        });
    // The same refusal over REST, not a 500.
    Api.error(Api.json().queryParam("full_name", c + ".s.t").queryParam("principal", w[1])
        .get("/api/gatehouse/v1/authz/data-policies").then(), 400, "FAILED_PRECONDITION");

    TagPolicyWorld.sql("DROP POLICY by_id ON TABLE " + c + ".s.t");
    assertThat(TagPolicyCasesTest.resolve(channel, w[1], c + ".s.t").getRowFilter()).isEqualTo("(`region` = 'EMEA')");
  }

  @Test
  void explainNamesThePolicyThatDecided() {
    String[] w = world();
    String c = w[0];
    TagPolicyWorld.sql("ALTER TABLE " + c + ".s.t ALTER COLUMN phone SET TAGS ('phone')");
    Map<String, Object> answer = Api.json().queryParam("full_name", c + ".s.t").queryParam("principal", w[1])
        .get("/api/gatehouse/v1/authz/data-policies").then().statusCode(200).extract().as(Map.class);
    assertThat(answer.get("column_masks")).isEqualTo(Map.of("phone", "'x'"));
    assertThat(answer.get("decided_by")).isEqualTo(Map.of("phone", "policy phones on catalog " + c));
    // The function a policy calls cannot be dropped from under it.
    Api.error(Api.json().body(Map.of("statement", "DROP FUNCTION " + c + ".s.hide")).post("/api/gatehouse/v1/sql").then(),
        400, "FAILED_PRECONDITION").body("message", org.hamcrest.Matchers.containsString("in use by policy phones"));
  }

  @Test
  void showAndDescribePoliciesAndTheRestApiAgree() {
    String[] w = world();
    String c = w[0];
    List<List<String>> shown = Api.json().body(Map.of("statement", "SHOW POLICIES ON SCHEMA " + c + ".s"))
        .post("/api/gatehouse/v1/sql").then().statusCode(200).extract().path("results[0].rows");
    assertThat(shown).singleElement().satisfies(row -> assertThat(row)
        .startsWith("by_region", "ROW_FILTER", "SCHEMA", c + ".s", c + ".s.only_region", "account users"));
    List<List<String>> described = Api.json().body(Map.of("statement", "DESCRIBE POLICY phones ON CATALOG " + c))
        .post("/api/gatehouse/v1/sql").then().statusCode(200).extract().path("results[0].rows");
    assertThat(described).contains(List.of("Name", "phones"), List.of("Policy Type", "COLUMN_MASK"),
        List.of("Match Columns", "hasTag('phone') AS p"), List.of("On Column", "p"),
        List.of("Function Name", c + ".s.hide"));

    Map<String, Object> got = Api.json().get("/api/2.1/unity-catalog/policies/catalog/" + c + "/phones")
        .then().statusCode(200).extract().as(Map.class);
    assertThat(got).containsEntry("policy_type", "POLICY_TYPE_COLUMN_MASK").containsEntry("on_securable_fullname", c)
        .containsEntry("to_principals", List.of("account users"));
    Api.json().body(Map.of("name", "by_id", "on_securable_type", "TABLE", "on_securable_fullname", c + ".s.t",
            "policy_type", "POLICY_TYPE_ROW_FILTER", "to_principals", List.of(w[1]), "for_securable_type", "TABLE",
            "match_columns", List.of(Map.of("condition", "has_tag('key')", "alias", "k")),
            "row_filter", Map.of("function_name", c + ".s.only_id", "using", List.of(Map.of("alias", "k")))))
        .post("/api/2.1/unity-catalog/policies").then().statusCode(200)
        .body("match_columns[0].condition", org.hamcrest.Matchers.equalTo("hasTag('key')"));
    Api.error(Api.json().body(Map.of("name", "BY_ID", "on_securable_type", "TABLE", "on_securable_fullname", c + ".s.t",
            "policy_type", "POLICY_TYPE_ROW_FILTER", "to_principals", List.of(w[1]),
            "row_filter", Map.of("function_name", c + ".s.only_id", "using", List.of(Map.of("constant", "1")))))
        .post("/api/2.1/unity-catalog/policies").then(), 409, "ALREADY_EXISTS");
    Api.json().delete("/api/2.1/unity-catalog/policies/table/" + c + ".s.t/by_id").then().statusCode(200);
    Api.error(Api.json().get("/api/2.1/unity-catalog/policies/table/" + c + ".s.t/by_id").then(), 404, "NOT_FOUND");
    Api.error(Api.json().body(Map.of("statement", "DROP POLICY by_id ON TABLE " + c + ".s.t"))
        .post("/api/gatehouse/v1/sql").then(), 404, "NOT_FOUND");
  }

  @Test
  void badPolicyDefinitionsAreRefusedWithTheFieldNamed() {
    String[] w = world();
    String c = w[0];
    for (String bad : List.of(
        "CREATE POLICY p ON TABLE %1$s.s.t COLUMN MASK %1$s.s.hide TO `account users` FOR TABLES MATCH COLUMNS hasTag('a') AS a ON COLUMN b",
        "CREATE POLICY p ON TABLE %1$s.s.t COLUMN MASK %1$s.s.hide TO `account users` FOR TABLES MATCH COLUMNS current_user() AS a ON COLUMN a",
        "CREATE POLICY p ON TABLE %1$s.s.t ROW FILTER %1$s.s.only_region TO `account users` FOR TABLES",
        "CREATE POLICY p ON TABLE %1$s.s.t ROW FILTER %1$s.s.only_region TO `nobody-at-all` FOR TABLES USING COLUMNS ('EMEA')",
        "CREATE POLICY p ON TABLE %1$s.s.t ROW FILTER %1$s.s.only_region TO `account users` FOR TABLES WHEN hasTag('a') OR USING COLUMNS ('EMEA')")) {
      int status = Api.json().body(Map.of("statement", bad.formatted(c))).post("/api/gatehouse/v1/sql").then()
          .extract().statusCode();
      assertThat(status).as(bad).isIn(400, 404);
    }
  }
}
