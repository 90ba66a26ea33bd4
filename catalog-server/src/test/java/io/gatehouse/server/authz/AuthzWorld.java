package io.gatehouse.server.authz;

import static io.gatehouse.server.identity.Identities.SCIM;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world the authorization cases run in, made once through the real APIs as the admin:
 * users, nested groups, catalogs owned by a user and by a group, grants at every level. Names
 * in the case file are logical ("alice", "sales.raw.orders"); here they get this run's suffix.
 */
final class AuthzWorld {
  static final String RUN = Api.unique("w").replace("w_", "");
  private static AuthzWorld instance;
  final Map<String, String> userIds = new HashMap<>();
  final Map<String, String> groupIds = new HashMap<>();

  static synchronized AuthzWorld get() {
    if (instance == null) {
      instance = new AuthzWorld();
      instance.build();
    }
    return instance;
  }

  static String user(String logical) {
    return logical + "_" + RUN + "@example.com";
  }

  static String group(String logical) {
    return logical.equals("admins") ? "admins" : logical + "_" + RUN;
  }

  /** A logical securable name with its catalog renamed for this run: sales.raw -> sales_RUN.raw. */
  static String securable(String logical) {
    int dot = logical.indexOf('.');
    return dot < 0 ? logical + "_" + RUN : logical.substring(0, dot) + "_" + RUN + logical.substring(dot);
  }

  private void build() {
    for (String u : List.of("alice", "bob", "carol", "dave", "erin", "frank", "gina", "henry", "ivan", "judy", "kate", "leo")) {
      userIds.put(u, Identities.user(user(u)));
    }
    makeGroup("junior-analysts", "henry");
    groupIds.put("analysts", Identities.group(group("analysts"), userIds.get("carol"), groupIds.get("junior-analysts")));
    makeGroup("engineers", "dave", "ivan");
    makeGroup("stewards", "erin");
    makeGroup("platform", "judy");
    makeGroup("owners-of-nothing");
    Api.json().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", groupIds.get("platform")))))))
        .contentType("application/scim+json")
        .patch(SCIM + "/Groups/" + adminsId()).then().statusCode(200);

    catalog("sales", null);
    catalog("hr", user("bob"));
    catalog("ml", group("engineers"));
    for (String s : List.of("sales.raw", "sales.gold", "hr.people", "ml.features")) {
      String[] p = securable(s).split("\\.");
      Api.post("/schemas", Map.of("name", p[1], "catalog_name", p[0])).statusCode(200);
    }
    for (String t : List.of("sales.raw.orders", "sales.raw.customers", "sales.gold.revenue", "hr.people.salaries", "ml.features.users")) {
      String[] p = securable(t).split("\\.");
      Api.post("/tables", Api.externalTable(p[0], p[1], p[2], "s3://authz-" + RUN + "/" + t.replace('.', '/'))).statusCode(200);
    }
    Api.patch("/tables/" + securable("sales.gold.revenue"), Map.of("owner", user("kate"))).statusCode(200);
    Api.patch("/schemas/" + securable("hr.people"), Map.of("owner", user("leo"))).statusCode(200);
    String[] v = securable("sales.raw.landing").split("\\.");
    Api.post("/volumes", Map.of("catalog_name", v[0], "schema_name", v[1], "name", v[2], "volume_type", "MANAGED")).statusCode(200);

    grant("catalog", "sales", "analysts", "USE CATALOG");
    grant("schema", "sales.gold", "analysts", "USE SCHEMA", "SELECT");
    grant("catalog", "sales", "alice", "USE CATALOG");
    grant("schema", "sales.raw", "alice", "USE SCHEMA");
    grant("table", "sales.raw.orders", "alice", "SELECT");
    grant("catalog", "sales", "stewards", "BROWSE");
    grant("catalog", "sales", "engineers", "USE CATALOG");
    grant("schema", "sales.raw", "engineers", "ALL PRIVILEGES");
    grant("catalog", "hr", "frank", "USE CATALOG");
    grant("schema", "hr.people", "frank", "USE SCHEMA", "MANAGE");
    grant("catalog", "sales", "gina", "USE CATALOG");
    grant("schema", "sales.gold", "gina", "USE SCHEMA", "SELECT");
    grant("catalog", "sales", "kate", "USE CATALOG");
    grant("catalog", "hr", "leo", "USE CATALOG");
    grant("metastore", null, "carol", "CREATE CATALOG");
    grant("catalog", "ml", "alice", "USE CATALOG", "USE SCHEMA", "SELECT");
    grant("catalog", "sales", "henry", "CREATE SCHEMA");
    grant("schema", "sales.gold", "henry", "CREATE TABLE");

    // gina is deactivated last: her grants stay, her access goes.
    Api.json().contentType("application/scim+json")
        .body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "replace", "path", "active", "value", false))))
        .patch(SCIM + "/Users/" + userIds.get("gina")).then().statusCode(200);
  }

  private void makeGroup(String name, String... members) {
    String[] ids = java.util.Arrays.stream(members).map(userIds::get).toArray(String[]::new);
    groupIds.put(name, Identities.group(group(name), ids));
  }

  private static String adminsId() {
    return Identities.scim().queryParam("filter", "displayName eq \"admins\"").get(SCIM + "/Groups").then()
        .statusCode(200).extract().path("Resources[0].id");
  }

  private static void catalog(String logical, String owner) {
    Api.post("/catalogs", Map.of("name", securable(logical))).statusCode(200);
    if (owner != null) {
      Api.patch("/catalogs/" + securable(logical), Map.of("owner", owner)).statusCode(200);
    }
  }

  /** Grants as the admin, to a logical user or group. */
  static void grant(String type, String logical, String principal, String... privileges) {
    String name = type.equals("metastore") ? metastoreId() : securable(logical);
    String grantee = resolve(principal);
    Api.patch("/permissions/" + type + "/" + name,
            Map.of("changes", List.of(Map.of("principal", grantee, "add", List.of(privileges), "remove", List.of()))))
        .statusCode(200);
  }

  /** A logical principal: a user if it is one of the world's users, else a group. */
  static String resolve(String logical) {
    return List.of("alice", "bob", "carol", "dave", "erin", "frank", "gina", "henry", "ivan", "judy", "kate", "leo").contains(logical)
        ? user(logical)
        : group(logical);
  }

  static String metastoreId() {
    return Api.get("/metastore_summary").statusCode(200).extract().path("metastore_id");
  }
}
