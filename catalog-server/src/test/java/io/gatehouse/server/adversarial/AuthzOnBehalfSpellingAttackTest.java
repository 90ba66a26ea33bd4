package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An engine that owns a catalog tries to create in it "for" a user, spelling the user so that the
 * name finds nobody, or someone else, hoping the request falls back to its own rights: every such
 * spelling is refused before anything is written. Before the Unity Catalog API served the header,
 * it was ignored and each of these requests ran, and succeeded, with the engine's own rights.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class AuthzOnBehalfSpellingAttackTest {
  static final String HEADER = "X-Gatehouse-On-Behalf-Of";

  @Test
  void noSpellingOfAnEndUserFallsBackToTheEnginesOwnRights() {
    String engine = Storage.user("obo-attack-engine");
    String engineId = Identities.scim().queryParam("filter", "userName eq \"" + engine + "\"")
        .get(Identities.SCIM + "/Users").then().statusCode(200).extract().path("Resources[0].id");
    Storage.joinGroup("engines", engineId);
    String user = Storage.user("obo-attack-user");
    String userId = Identities.scim().queryParam("filter", "userName eq \"" + user + "\"")
        .get(Identities.SCIM + "/Users").then().statusCode(200).extract().path("Resources[0].id");
    String group = Api.unique("obo-attack-group");
    Identities.group(group, userId);
    String catalog = Api.catalog();
    Api.patch("/catalogs/" + catalog, Map.of("owner", engine)).statusCode(200);

    List<String> spellings = List.of(
        user.replace("@", "%40"),            // percent-encoded: names are never decoded
        user.replace("@", "\uFF20"),         // a full-width at sign
        user.replace("o", "\u043E"),         // a Cyrillic o
        user + ".",                          // a trailing dot
        "\"" + user + "\"",                  // quoted
        "`" + user + "`",                    // backquoted, as SQL would
        userId,                              // the user's SCIM id instead of its name
        group,                               // a group the user is in
        "engines");                          // the engines group itself
    for (String spelling : spellings) {
      String schema = Api.unique("obo_attack");
      int status = Storage.as(engine).header(HEADER, spelling)
          .body(Map.of("name", schema, "catalog_name", catalog)).post("/api/2.1/unity-catalog/schemas")
          .then().extract().statusCode();
      assertThat(status).as("status for %s", spelling).isIn(400, 403);
      Api.get("/schemas/" + catalog + "." + schema).statusCode(404);
    }
  }
}
