package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.Storage;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Storage credentials and external locations are listed by the same rule as a get: a grant that
 * a DENY cancels shows nothing, and their owners are principals that exist.
 */
@QuarkusTest
class AuthzStorageSecurablesAttackTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/lake-reader";

  private static List<String> list(Who who, String path, String field) {
    return AuthzAttacks.as(who).queryParam("max_results", 1000).get(Api.BASE + path).then().statusCode(200)
        .extract().path(field + ".name");
  }

  @Test
  void aDeniedGrantDoesNotListTheExternalLocationOrTheCredential() {
    Who x = AuthzAttacks.user("stordeny");
    Who outer = AuthzAttacks.group("stordeny_outer");
    Who inner = AuthzAttacks.group("stordeny_inner", x.id());
    AuthzAttacks.setMembers(outer.id(), inner.id());
    String credential = Storage.credential(ROLE, null);
    String bucket = "stordeny-" + Api.unique("b").toLowerCase().replace('_', '-');
    String location = Storage.location("s3://" + bucket + "/raw", credential);
    admin("GRANT READ FILES ON EXTERNAL LOCATION `" + location + "` TO `" + x.name() + "`;"
        + " GRANT CREATE EXTERNAL LOCATION ON STORAGE CREDENTIAL `" + credential + "` TO `" + x.name() + "`");
    assertThat(list(x, "/external-locations", "external_locations")).contains(location);
    assertThat(list(x, "/credentials", "credentials")).contains(credential);

    // The deny reaches x only through two levels of groups, and names the securables in other case.
    admin("DENY ALL PRIVILEGES ON EXTERNAL LOCATION `" + location.toUpperCase() + "` TO `" + outer.name() + "`;"
        + " DENY ALL PRIVILEGES ON STORAGE CREDENTIAL `" + credential.toUpperCase() + "` TO `" + outer.name() + "`");

    assertThat(list(x, "/external-locations", "external_locations")).doesNotContain(location);
    assertThat(list(x, "/credentials", "credentials")).doesNotContain(credential);
    AuthzAttacks.get(x, "/external-locations/" + location).statusCode(403);
    AuthzAttacks.get(x, "/credentials/" + credential).statusCode(403);
  }

  @Test
  void anOwnerThatNoPrincipalHasIsRefusedForLocationsAndCredentials() {
    String credential = Storage.credential(ROLE, null);
    String bucket = "storown-" + Api.unique("b").toLowerCase().replace('_', '-');
    String location = Storage.location("s3://" + bucket + "/raw", credential);
    String ghost = Api.unique("nobody_yet");

    Api.error(Api.patch("/external-locations/" + location, Map.of("owner", ghost)), 404, "NOT_FOUND");
    Api.error(Api.patch("/credentials/" + credential, Map.of("owner", ghost)), 404, "NOT_FOUND");
    assertThat((String) Api.get("/external-locations/" + location).statusCode(200).extract().path("owner"))
        .isEqualTo("admin");
    assertThat((String) Api.get("/credentials/" + credential).statusCode(200).extract().path("owner"))
        .isEqualTo("admin");

    // A group that exists is accepted, spelled as the directory spells it.
    Who owners = AuthzAttacks.group("storown_group");
    Api.patch("/external-locations/" + location, Map.of("owner", owners.name().toUpperCase())).statusCode(200);
    assertThat((String) Api.get("/external-locations/" + location).statusCode(200).extract().path("owner"))
        .isEqualTo(owners.name());
  }
}
