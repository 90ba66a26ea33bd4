package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.SCIM;
import static io.gatehouse.server.identity.Identities.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.store.RecordedStatements;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** SCIM listings read the memberships of a whole page with one query, not one per resource. */
@QuarkusTest
class ScimListingQueriesTest {
  private static final int GROUPS = 4;

  /** Statements that read memberships for a resource (not the caller's own effective groups). */
  private static boolean readsMemberships(String sql) {
    String s = sql.toLowerCase(Locale.ROOT);
    return s.contains("group_members") && !s.contains("recursive");
  }

  @Test
  void aPageOfGroupsAndAPageOfTheirUsersEachReadMembershipsOnce() {
    String prefix = Api.unique("paged").toLowerCase(Locale.ROOT);
    List<String> groups = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (int g = 0; g < GROUPS; g++) {
      String a = Identities.user(prefix + "-u" + g + "a@example.com");
      String b = Identities.user(prefix + "-u" + g + "b@example.com");
      users.add(a);
      users.add(b);
      groups.add(Identities.group(prefix + "-g" + g, a, b));
    }
    String groupFilter = "displayName sw \"" + prefix + "-g\"";
    String userFilter = "userName sw \"" + prefix + "-u\"";
    scim().queryParam("filter", groupFilter).get(SCIM + "/Groups").then().statusCode(200); // the caller's groups cached

    List<String> forGroups = RecordedStatements.during(() ->
        scim().queryParam("filter", groupFilter).get(SCIM + "/Groups").then().statusCode(200)
            .body("totalResults", equalTo(GROUPS))
            .body("Resources.id", containsInAnyOrder(groups.toArray()))
            .body("Resources.find { it.id == '" + groups.get(0) + "' }.members.value",
                containsInAnyOrder(users.get(0), users.get(1)))
            .body("Resources.members.flatten().size()", equalTo(2 * GROUPS)),
        ScimListingQueriesTest::readsMemberships);
    assertThat(forGroups).as("membership queries for a page of %d groups", GROUPS).hasSize(1);

    List<String> forUsers = RecordedStatements.during(() ->
        scim().queryParam("filter", userFilter).get(SCIM + "/Users").then().statusCode(200)
            .body("totalResults", equalTo(2 * GROUPS))
            .body("Resources.find { it.id == '" + users.get(3) + "' }.groups.value", equalTo(List.of(groups.get(1))))
            .body("Resources.groups.flatten().size()", equalTo(2 * GROUPS)),
        ScimListingQueriesTest::readsMemberships);
    assertThat(forUsers).as("membership queries for a page of %d users", 2 * GROUPS).hasSize(1);
  }

  @Test
  void aPageThatLeavesOutMembersReadsNoMemberships() {
    String prefix = Api.unique("bare").toLowerCase(Locale.ROOT);
    Identities.group(prefix + "-g", Identities.user(prefix + "-u@example.com"));
    List<String> statements = RecordedStatements.during(() ->
        scim().queryParam("filter", "displayName sw \"" + prefix + "\"").queryParam("excludedAttributes", "members")
            .get(SCIM + "/Groups").then().statusCode(200)
            .body("totalResults", equalTo(1))
            .body("Resources[0]", not(hasKey("members"))),
        ScimListingQueriesTest::readsMemberships);
    assertThat(statements).isEmpty();
  }
}
