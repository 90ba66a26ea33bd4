package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authorization cases as data (src/test/resources/authz/cases.csv): each row acts as a principal
 * over HTTP, authenticated with an OIDC token as users are, and checks the outcome.
 */
@QuarkusTest
class AuthorizationCasesTest {

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (var in = AuthorizationCasesTest.class.getResourceAsStream("/authz/cases.csv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(";", -1);
        cases.add(Arguments.of(f[0], f[1], f[2], f[3], f[4]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} ({1}) {2} {3} -> {4}")
  @MethodSource("cases")
  void caseHolds(String principal, String groups, String action, String target, String expected) {
    AuthzWorld.get();
    String outcome = run(principal, action, target);
    assertThat(outcome).as("%s %s %s", principal, action, target).isEqualTo(expected);
  }

  private static RequestSpecification as(String principal) {
    String token = principal.equals("admin") ? Api.ADMIN_TOKEN : TestIssuer.jwt(AuthzWorld.user(principal));
    return Identities.as(token).contentType("application/json").accept("application/json");
  }

  private static String run(String p, String asked, String target) {
    boolean browse = asked.endsWith("+browse");
    String action = browse ? asked.substring(0, asked.length() - "+browse".length()) : asked;
    return run(p, action, target, browse);
  }

  private static String run(String p, String action, String target, boolean browse) {
    String name = target.equals("*") ? null : AuthzWorld.securable(target.contains(":") ? target.substring(target.indexOf(':') + 1) : target);
    return switch (action) {
      case "get_catalog" -> status(asking(p, browse).get(Api.BASE + "/catalogs/" + name).statusCode());
      case "get_schema" -> status(asking(p, browse).get(Api.BASE + "/schemas/" + name).statusCode());
      case "get_table" -> status(asking(p, browse).get(Api.BASE + "/tables/" + name).statusCode());
      case "get_volume" -> status(asking(p, browse).get(Api.BASE + "/volumes/" + name).statusCode());
      case "list_catalogs" -> listAllCatalogs(p, browse);
      case "list_schemas" -> list(asking(p, browse).queryParam("catalog_name", name).get(Api.BASE + "/schemas"), "schemas", "name");
      case "list_tables" -> list(asking(p, browse).queryParam("catalog_name", name.split("\\.")[0]).queryParam("schema_name", name.split("\\.")[1])
          .get(Api.BASE + "/tables"), "tables", "name");
      case "create_catalog" -> cleanup(as(p).body(Map.of("name", Api.unique("newcat"))).post(Api.BASE + "/catalogs"),
          r -> "/catalogs/" + r.path("name") + "?force=true");
      case "create_schema" -> cleanup(as(p).body(Map.of("name", Api.unique("newsch"), "catalog_name", name)).post(Api.BASE + "/schemas"),
          r -> "/schemas/" + r.path("full_name") + "?force=true");
      case "create_table" -> cleanup(as(p).body(table(name)).post(Api.BASE + "/tables"), r -> "/tables/" + r.path("full_name"));
      case "create_volume" -> cleanup(as(p).body(Map.of("catalog_name", name.split("\\.")[0], "schema_name", name.split("\\.")[1],
          "name", Api.unique("vol"), "volume_type", "MANAGED")).post(Api.BASE + "/volumes"), r -> "/volumes/" + r.path("full_name"));
      case "drop_table" -> {
        String t = throwawayTable(name);
        String out = status(as(p).delete(Api.BASE + "/tables/" + t).statusCode());
        Api.delete("/tables/" + t);
        yield out;
      }
      case "drop_schema" -> {
        String s = Api.unique("tmp");
        Api.post("/schemas", Map.of("name", s, "catalog_name", name)).statusCode(200);
        String out = status(as(p).delete(Api.BASE + "/schemas/" + name + "." + s).statusCode());
        Api.delete("/schemas/" + name + "." + s);
        yield out;
      }
      case "set_owner" -> {
        String t = throwawayTable(name);
        String out = status(as(p).body(Map.of("owner", AuthzWorld.resolve(p.equals("admin") ? "judy" : p))).patch(Api.BASE + "/tables/" + t).statusCode());
        Api.delete("/tables/" + t);
        yield out;
      }
      case "grant" -> {
        String type = target.substring(0, target.indexOf(':'));
        String privilege = switch (type) {
          case "catalog" -> "USE CATALOG";
          case "schema" -> "USE SCHEMA";
          default -> "SELECT";
        };
        Map<String, Object> change = Map.of("changes", List.of(Map.of(
            "principal", AuthzWorld.group("owners-of-nothing"), "add", List.of(privilege), "remove", List.of())));
        String out = status(as(p).body(change).patch(Api.BASE + "/permissions/" + type + "/" + name).statusCode());
        Api.patch("/permissions/" + type + "/" + name, Map.of("changes", List.of(Map.of(
            "principal", AuthzWorld.group("owners-of-nothing"), "add", List.of(), "remove", List.of(privilege))))).statusCode(200);
        yield out;
      }
      case "read" -> dataAccess(p, name, "SELECT");
      case "modify" -> dataAccess(p, name, "MODIFY");
      case "get_permissions" -> status(as(p).get(Api.BASE + "/permissions/" + target.substring(0, target.indexOf(':')) + "/" + name).statusCode());
      default -> throw new IllegalArgumentException("unknown action " + action);
    };
  }

  /** A request as {@code principal}, with include_browse=true when {@code browse}. */
  private static RequestSpecification asking(String principal, boolean browse) {
    return browse ? as(principal).queryParam("include_browse", true) : as(principal);
  }

  /** Reading data needs USE CATALOG on the catalog, USE SCHEMA on the schema and the privilege on the table. */
  private static String dataAccess(String p, String table, String privilege) {
    String[] parts = table.split("\\.");
    String[][] checks = {
      {"catalog", parts[0], "USE CATALOG"}, {"schema", parts[0] + "." + parts[1], "USE SCHEMA"}, {"table", table, privilege}};
    for (String[] check : checks) {
      var response = as(p).queryParam("securable_type", check[0]).queryParam("full_name", check[1]).queryParam("privilege", check[2])
          .get("/api/gatehouse/v1/authz/explain");
      if (response.statusCode() != 200) {
        return status(response.statusCode());
      }
      if (!response.<Boolean>path("allowed")) {
        return "deny";
      }
    }
    return "allow";
  }

  private static String throwawayTable(String schema) {
    String[] parts = schema.split("\\.");
    String t = Api.unique("tmp");
    Api.post("/tables", Api.externalTable(parts[0], parts[1], t, "s3://authz-tmp/" + t)).statusCode(200);
    return schema + "." + t;
  }

  private static Map<String, Object> table(String schema) {
    String[] parts = schema.split("\\.");
    String t = Api.unique("new");
    return Api.externalTable(parts[0], parts[1], t, "s3://authz-new/" + t);
  }

  private static String cleanup(io.restassured.response.Response response, java.util.function.Function<io.restassured.response.Response, String> path) {
    if (response.statusCode() == 200) {
      Api.delete(path.apply(response)).statusCode(200);
    }
    return status(response.statusCode());
  }

  private static String list(io.restassured.response.Response response, String items, String field) {
    if (response.statusCode() != 200) {
      return status(response.statusCode());
    }
    String suffix = "_" + AuthzWorld.RUN;
    List<String> names = new ArrayList<>();
    for (String n : response.<List<String>>path(items + "." + field)) {
      if (items.equals("catalogs")) {
        if (n.endsWith(suffix)) {
          names.add(n.substring(0, n.length() - suffix.length()));
        }
      } else {
        names.add(n);
      }
    }
    String[] sorted = names.toArray(String[]::new);
    Arrays.sort(sorted);
    return "list:" + String.join(",", sorted);
  }

  /** Every page of the caller's catalog listing, reduced to this world's catalogs. */
  private static String listAllCatalogs(String p, boolean browse) {
    List<String> all = new ArrayList<>();
    String token = null;
    do {
      var request = asking(p, browse).queryParam("max_results", 1000);
      if (token != null) {
        request.queryParam("page_token", token);
      }
      var response = request.get(Api.BASE + "/catalogs");
      if (response.statusCode() != 200) {
        return status(response.statusCode());
      }
      String page = list(response, "catalogs", "name");
      if (page.length() > "list:".length()) {
        all.addAll(List.of(page.substring("list:".length()).split(",")));
      }
      token = response.path("next_page_token");
    } while (token != null);
    String[] sorted = all.toArray(String[]::new);
    Arrays.sort(sorted);
    return "list:" + String.join(",", sorted);
  }

  private static String status(int code) {
    return switch (code) {
      case 200 -> "allow";
      case 403 -> "deny";
      case 401 -> "unauth";
      default -> "status " + code;
    };
  }
}
