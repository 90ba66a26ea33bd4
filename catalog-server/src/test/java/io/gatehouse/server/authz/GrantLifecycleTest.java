package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Grants over time: revocation, refused grants, and many changes at once. */
@QuarkusTest
class GrantLifecycleTest {

  private static RequestSpecification as(String email) {
    return Identities.as(TestIssuer.jwt(email)).accept("application/json");
  }

  private static void change(String type, String name, String principal, List<String> add, List<String> remove) {
    Api.patch("/permissions/" + type + "/" + name,
        Map.of("changes", List.of(Map.of("principal", principal, "add", add, "remove", remove)))).statusCode(200);
  }

  @Test
  void revokedGroupLosesSelectOnEveryTableInSchema() {
    String[] s = Api.schema().split("\\.");
    for (String t : List.of("a", "b", "c")) {
      Api.post("/tables", Api.externalTable(s[0], s[1], t, "s3://revoke/" + Api.unique("t"))).statusCode(200);
    }
    String email = Identities.email("reader");
    String group = Api.unique("readers");
    Identities.group(group, Identities.user(email));
    change("catalog", s[0], group, List.of("USE CATALOG"), List.of());
    change("schema", s[0] + "." + s[1], group, List.of("USE SCHEMA", "SELECT"), List.of());
    as(email).queryParam("catalog_name", s[0]).queryParam("schema_name", s[1]).get(Api.BASE + "/tables").then()
        .statusCode(200).body("tables.name", equalTo(List.of("a", "b", "c")));

    change("schema", s[0] + "." + s[1], group, List.of(), List.of("SELECT"));
    as(email).queryParam("catalog_name", s[0]).queryParam("schema_name", s[1]).get(Api.BASE + "/tables").then()
        .statusCode(200).body("tables", equalTo(List.of()));
    for (String t : List.of("a", "b", "c")) {
      as(email).get(Api.BASE + "/tables/" + s[0] + "." + s[1] + "." + t).then().statusCode(403)
          .body("error_code", equalTo("PERMISSION_DENIED"));
    }
  }

  @Test
  void refusalNamesTheMissingPrivilegeAndTheSecurable() {
    String[] s = Api.schema().split("\\.");
    String email = Identities.email("outsider");
    Identities.user(email);
    as(email).get(Api.BASE + "/schemas/" + s[0] + "." + s[1]).then().statusCode(403)
        .body("message", equalTo("Principal '" + email + "' may not get schema: missing USE CATALOG on catalog " + s[0] + "."));
  }

  @Test
  void grantsAreValidatedBeforeAnythingChanges() {
    String catalog = Api.catalog();
    String user = Identities.email("target");
    Identities.user(user);
    Api.patch("/permissions/catalog/" + catalog, Map.of("changes", List.of(
            Map.of("principal", user, "add", List.of("USE CATALOG"), "remove", List.of()),
            Map.of("principal", user, "add", List.of("READ VOLUME", "SELECTT"), "remove", List.of()))))
        .statusCode(400).body("message", equalTo("Field 'changes[1].add' names an unknown privilege 'SELECTT'."));
    Api.patch("/permissions/catalog/" + catalog, Map.of("changes", List.of(
            Map.of("principal", user, "add", List.of("CREATE CATALOG"), "remove", List.of()))))
        .statusCode(400).body("message", equalTo("Privilege CREATE CATALOG cannot be granted on a catalog."));
    Api.patch("/permissions/catalog/" + catalog, Map.of("changes", List.of(
            Map.of("principal", Api.unique("ghost"), "add", List.of("USE CATALOG"), "remove", List.of()))))
        .statusCode(404);
    Api.get("/permissions/catalog/" + catalog).statusCode(200).body("privilege_assignments", equalTo(List.of()));
  }

  @Test
  void effectivePermissionsShowWhereAGrantComesFrom() {
    String[] s = Api.schema().split("\\.");
    Api.post("/tables", Api.externalTable(s[0], s[1], "t", "s3://effective/" + Api.unique("t"))).statusCode(200);
    String group = Api.unique("viewers");
    Identities.group(group);
    change("catalog", s[0], group, List.of("SELECT"), List.of());
    Api.get("/effective-permissions/table/" + s[0] + "." + s[1] + ".t").statusCode(200)
        .body("privilege_assignments[0].principal", equalTo(group.toLowerCase()))
        .body("privilege_assignments[0].privileges[0].privilege", equalTo("SELECT"))
        .body("privilege_assignments[0].privileges[0].inherited_from_type", equalTo("CATALOG"))
        .body("privilege_assignments[0].privileges[0].inherited_from_name", equalTo(s[0]));
    Api.json().queryParam("privilege", "SELECT").queryParam("securable_type", "table").queryParam("full_name", s[0] + "." + s[1] + ".t")
        .get("/api/gatehouse/v1/authz/who-can").then().statusCode(200)
        .body("principals.principal", hasItem(group.toLowerCase()));
  }

  @Test
  void parallelGrantsAndRevokesLeaveTheSnapshotEqualToTheDatabase() throws Exception {
    String catalog = Api.catalog();
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String g = Api.unique("storm");
      Identities.group(g);
      groups.add(g);
    }
    List<String> privileges = List.of("USE CATALOG", "USE SCHEMA", "SELECT", "MODIFY", "BROWSE", "CREATE SCHEMA");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int client = 0; client < 8; client++) {
        int seed = client;
        work.add(pool.submit(() -> {
          java.util.Random random = new java.util.Random(seed);
          for (int i = 0; i < 25; i++) {
            String g = groups.get(random.nextInt(groups.size()));
            String p = privileges.get(random.nextInt(privileges.size()));
            boolean add = random.nextBoolean();
            change("catalog", catalog, g, add ? List.of(p) : List.of(), add ? List.of() : List.of(p));
          }
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Map<String, Object>> stored = Api.get("/permissions/catalog/" + catalog).statusCode(200).extract().path("privilege_assignments");
    List<Map<String, Object>> decided = Api.get("/effective-permissions/catalog/" + catalog).statusCode(200).extract().path("privilege_assignments");
    assertThat(flatten(decided, true)).containsExactlyInAnyOrderElementsOf(flatten(stored, false));
  }

  @SuppressWarnings("unchecked")
  private static List<String> flatten(List<Map<String, Object>> assignments, boolean effective) {
    List<String> pairs = new ArrayList<>();
    for (Map<String, Object> a : assignments) {
      for (Object p : (List<Object>) a.get("privileges")) {
        String privilege = effective ? (String) ((Map<String, Object>) p).get("privilege") : (String) p;
        pairs.add(a.get("principal").toString().toLowerCase() + ":" + privilege);
      }
    }
    return pairs;
  }
}
