package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.server.identity.GroupCache;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The snapshot each replica keeps up to date from the change log (only what changed) equals the
 * snapshot loaded whole from the database, after random catalog, grant, deny, membership and
 * ownership changes made by several clients at once; and a second replica, following the same
 * notifications, reaches the same snapshot within a second.
 *
 * <p>"Equal" is checked where it matters: the same securables with the same names, parents and
 * owners, and the same decision for every principal, securable and privilege of the workload,
 * with each principal's groups read from the database.
 */
@QuarkusTest
class PolicySnapshotChangesTest {
  private static final String SQL = "/api/gatehouse/v1/sql";
  private static final List<Privilege> PRIVILEGES =
      List.of(Privilege.SELECT, Privilege.MODIFY, Privilege.USE_SCHEMA, Privilege.USE_CATALOG, Privilege.MANAGE);

  @Inject PolicyStore policies;
  @Inject AgroalDataSource dataSource;
  @Inject AuthzConfig config;
  @Inject GroupCache groups;
  @Inject FunctionBinder functions;
  @Inject BootstrapConfig bootstrap;

  /** A world of users, nested groups, one catalog and schemas, changed at random. */
  private static final class World {
    final List<String> users = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> userIds = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> groups = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> groupIds = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> schemas = Collections.synchronizedList(new ArrayList<>());
    final List<String> tables = Collections.synchronizedList(new ArrayList<>());
    String catalog;

    List<String> principals() {
      List<String> all = new ArrayList<>(users);
      all.addAll(groups);
      return all;
    }
  }

  private static <T> T pick(Random random, List<T> items) {
    synchronized (items) {
      return items.get(random.nextInt(items.size()));
    }
  }

  private static int sql(String statement) {
    return Api.json().body(Map.of("statement", statement)).post(SQL).then().extract().statusCode();
  }

  private static void scimMembers(String groupId, String op, String memberId) {
    Object operation = "add".equals(op)
        ? Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", memberId)))
        : Map.of("op", "remove", "path", "members[value eq \"" + memberId + "\"]");
    int status = Identities.scim()
        .body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"), "Operations", List.of(operation)))
        .patch(Identities.SCIM + "/Groups/" + groupId).then().extract().statusCode();
    assertThat(status).as("SCIM PATCH %s member", op).isLessThan(500);
  }

  /** One random change; a client may lose a race with another (a 4xx), never cause a 5xx. */
  private static void change(World world, Random random) {
    int op = random.nextInt(13);
    int status;
    String quoted;
    switch (op) {
      case 0, 1 -> {
        String name = Api.unique(random.nextBoolean() ? "t" : "T");
        String schema = pick(random, world.schemas);
        status = sql("CREATE TABLE " + schema + "." + name + " (id INT) LOCATION 's3://changes/" + name + "'");
        if (status == 200) {
          world.tables.add(schema + "." + name);
        }
      }
      case 2 -> {
        String table = pick(random, world.tables);
        String name = Api.unique("r");
        status = sql("ALTER TABLE " + table + " RENAME TO " + name);
        if (status == 200) {
          world.tables.remove(table);
          world.tables.add(table.substring(0, table.lastIndexOf('.') + 1) + name);
        }
      }
      case 3 -> {
        String table = pick(random, world.tables);
        status = Api.delete("/tables/" + table).extract().statusCode();
        if (status == 200) {
          world.tables.remove(table);
        }
      }
      case 4 -> status = Api.patch("/tables/" + pick(random, world.tables), Map.of("owner", pick(random, world.principals())))
          .extract().statusCode();
      case 5 -> status = Api.patch("/schemas/" + pick(random, world.schemas), Map.of("owner", pick(random, world.principals())))
          .extract().statusCode();
      case 6, 7 -> {
        quoted = "`" + pick(random, world.principals()) + "`";
        String privilege = pick(random, List.of("SELECT", "MODIFY", "USE SCHEMA", "USE CATALOG", "ALL PRIVILEGES"));
        String on = random.nextInt(3) == 0 ? "SCHEMA " + pick(random, world.schemas) : "TABLE " + pick(random, world.tables);
        if (privilege.equals("USE CATALOG")) {
          on = "CATALOG " + world.catalog;
        }
        String verb = random.nextBoolean() ? "GRANT " + privilege + " ON " + on + " TO " : "REVOKE " + privilege + " ON " + on + " FROM ";
        status = sql(verb + quoted);
      }
      case 8 -> {
        quoted = "`" + pick(random, world.principals()) + "`";
        String on = "TABLE " + pick(random, world.tables);
        status = sql(random.nextBoolean() ? "DENY SELECT ON " + on + " TO " + quoted : "REVOKE DENY SELECT ON " + on + " FROM " + quoted);
      }
      case 9, 10 -> {
        String group = pick(random, world.groups);
        String member = random.nextInt(3) == 0 ? world.groupIds.get(pick(random, world.groups)) : world.userIds.get(pick(random, world.users));
        if (member.equals(world.groupIds.get(group))) {
          return;
        }
        scimMembers(world.groupIds.get(group), random.nextBoolean() ? "add" : "remove", member);
        return;
      }
      case 11 -> {
        // A user deactivated keeps its grant rows, which stop counting; reactivated, they count again.
        Object operation = Map.of("op", "replace", "path", "active", "value", random.nextInt(3) == 0 ? false : true);
        status = Identities.scim()
            .body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"), "Operations", List.of(operation)))
            .patch(Identities.SCIM + "/Users/" + world.userIds.get(pick(random, world.users))).then().extract().statusCode();
      }
      default -> {
        String schema = pick(random, world.schemas);
        String name = Api.unique("s");
        status = Api.patch("/schemas/" + schema, Map.of("new_name", name)).extract().statusCode();
        if (status == 200) {
          String renamed = world.catalog + "." + name;
          world.schemas.remove(schema);
          world.schemas.add(renamed);
          synchronized (world.tables) {
            world.tables.replaceAll(t -> t.startsWith(schema + ".") ? renamed + t.substring(schema.length()) : t);
          }
        }
      }
    }
    assertThat(status).as("change %d", op).isLessThan(500);
  }

  private PolicyStore replica() {
    return new PolicyStore(dataSource, config, groups, functions, bootstrap);
  }

  @Test
  void replicasKeptUpByTheChangeLogDecideAsAFullLoadAfterConcurrentRandomChanges() throws Exception {
    long seed = Long.getLong("policy-changes.seed", System.nanoTime());
    World world = new World();
    for (int i = 0; i < 3; i++) {
      String user = Identities.email("chg-user");
      world.userIds.put(user, Identities.user(user));
      world.users.add(user);
      String group = Api.unique("chg-group");
      world.groupIds.put(group, Identities.group(group, world.userIds.get(user)));
      world.groups.add(group);
    }
    world.catalog = Api.catalog();
    for (int i = 0; i < 2; i++) {
      String schema = Api.unique("s");
      Api.post("/schemas", Map.of("name", schema, "catalog_name", world.catalog)).statusCode(200);
      world.schemas.add(world.catalog + "." + schema);
      for (int j = 0; j < 3; j++) {
        String table = Api.unique("t");
        sql("CREATE TABLE " + world.catalog + "." + schema + "." + table + " (id INT) LOCATION 's3://changes/" + table + "'");
        world.tables.add(world.catalog + "." + schema + "." + table);
      }
    }

    PolicyStore second = replica();
    second.onStart(null);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        Random random = new Random(seed + client);
        running.add(clients.submit(() -> {
          for (int step = 0; step < 30; step++) {
            change(world, random);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(5, TimeUnit.MINUTES);
      }

      long version = databaseVersion();
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while ((policies.current().version() < version || second.current().version() < version) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(policies.current().version()).as("seed %d: this replica reaches the database's version", seed).isEqualTo(version);
      assertThat(second.current().version()).as("seed %d: the second replica reaches it within a second", seed).isEqualTo(version);

      PolicyStore fresh = replica();
      fresh.refresh();
      assertThat(fresh.current().version()).as("no write after the clients stopped").isEqualTo(version);
      assertSameDecisions("seed " + seed + ", this replica", policies.current(), fresh.current(), world);
      assertSameDecisions("seed " + seed + ", the second replica", second.current(), fresh.current(), world);
    } finally {
      // A failed client must not leave the others changing what later tests read.
      clients.shutdownNow();
      clients.awaitTermination(1, TimeUnit.MINUTES);
      second.onStop(null);
    }
  }

  @Test
  void aReplicaBehindThePrunedLogLoadsEverythingAndStillMatches() throws Exception {
    PolicyStore behind = replica();
    behind.refresh();
    long from = behind.current().version();
    String schema = Api.schema();
    sql("CREATE TABLE " + schema + ".pruned (id INT) LOCATION 's3://changes/" + Api.unique("p") + "'");
    Api.patch("/schemas/" + schema, Map.of("owner", bootstrap.adminGroup())).statusCode(200);

    try (Connection c = dataSource.getConnection()) {
      assertThat(PolicyChanges.prune(c, Duration.ZERO)).isPositive();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT changes_from, version FROM policy_state")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the log no longer covers the versions after " + from).isGreaterThan(from + 1);
      }
    }
    behind.refresh();
    PolicyStore fresh = replica();
    fresh.refresh();
    assertThat(behind.current().version()).isEqualTo(fresh.current().version());
    assertThat(behind.current().catalog().entries()).containsExactlyInAnyOrderElementsOf(fresh.current().catalog().entries());
    assertThat(behind.current().catalog().byName(SecurableType.TABLE, schema + ".pruned")).isNotNull();
  }

  @Test
  void aModelsCreationRenameOwnerAndDropMoveTheVersionAndReachAReplicaByTheLogButItsVersionsDoNot() throws Exception {
    PolicyStore replica = replica();
    replica.refresh();
    String schema = Api.schema();
    String owner = Identities.email("modelowner");
    Identities.user(owner);
    String[] s = schema.split("\\.");
    long before = databaseVersion();
    String id = Api.post("/models", Map.of("catalog_name", s[0], "schema_name", s[1], "name", "m")).statusCode(200)
        .extract().path("id");
    assertThat(databaseVersion()).isGreaterThan(before);
    replica.refresh();
    assertThat(replica.current().catalog().byName(SecurableType.REGISTERED_MODEL, schema + ".m").securable().id())
        .isEqualTo(id);

    long created = databaseVersion();
    Api.post("/models/versions", Map.of("catalog_name", s[0], "schema_name", s[1], "model_name", "m", "source", "x"))
        .statusCode(200);
    Api.patch("/models/" + schema + ".m/versions/1/finalize", Map.of()).statusCode(200);
    assertThat(databaseVersion()).as("versions are not securables").isEqualTo(created);

    Api.patch("/models/" + schema + ".m", Map.of("new_name", "m2", "owner", owner)).statusCode(200);
    replica.refresh();
    CatalogSnapshot catalog = replica.current().catalog();
    assertThat(replica.current().version()).isEqualTo(databaseVersion()).isGreaterThan(created);
    assertThat(catalog.byName(SecurableType.REGISTERED_MODEL, schema + ".m")).isNull();
    assertThat(catalog.byName(SecurableType.REGISTERED_MODEL, schema + ".m2").owner()).isEqualTo(owner);
    PolicyStore fresh = replica();
    fresh.refresh();
    assertThat(catalog.entries()).containsExactlyInAnyOrderElementsOf(fresh.current().catalog().entries());

    Api.json().queryParam("force", "true").delete(Api.BASE + "/models/" + schema + ".m2").then().statusCode(200);
    replica.refresh();
    assertThat(replica.current().catalog().row(id)).isNull();
  }

  @Test
  void aRowCreatedAndDroppedBetweenTwoLoadsLeavesNothingBehind() throws Exception {
    PolicyStore replica = replica();
    replica.refresh();
    String schema = Api.schema();
    sql("CREATE TABLE " + schema + ".brief (id INT) LOCATION 's3://changes/" + Api.unique("b") + "'");
    String id = policies.current().catalog().byName(SecurableType.TABLE, schema + ".brief").securable().id();
    Api.delete("/tables/" + schema + ".brief").statusCode(200);
    Api.patch("/schemas/" + schema, Map.of("new_name", "renamed_" + Api.unique("x").replace("-", "_"))).statusCode(200);

    replica.refresh();
    CatalogSnapshot catalog = replica.current().catalog();
    assertThat(replica.current().version()).isEqualTo(databaseVersion());
    assertThat(catalog.row(id)).isNull();
    assertThat(catalog.byName(SecurableType.SCHEMA, schema)).isNull();
    PolicyStore fresh = replica();
    fresh.refresh();
    assertThat(catalog.entries()).containsExactlyInAnyOrderElementsOf(fresh.current().catalog().entries());
  }

  @Test
  void aGranteeDeactivatedLosesItsGrantsOnAReplicaKeptUpByTheLogAndRegainsThemReactivated() throws Exception {
    String user = Identities.email("chg-off");
    String userId = Identities.user(user);
    String schema = Api.schema();
    String table = schema + ".switched";
    sql("CREATE TABLE " + table + " (id INT) LOCATION 's3://changes/" + Api.unique("off") + "'");
    assertThat(sql("GRANT SELECT ON TABLE " + table + " TO `" + user + "`")).isEqualTo(200);
    PolicyStore replica = replica();
    replica.refresh();
    Subject subject = new Subject(user, Set.of(), false);
    assertThat(replica.current().grantFor(subject, Privilege.SELECT, tableOf(replica, table))).isPresent();

    setActive(userId, false);
    replica.refresh();
    assertThat(replica.current().version()).isEqualTo(databaseVersion());
    assertThat(replica.current().grantFor(subject, Privilege.SELECT, tableOf(replica, table))).as("deactivated").isEmpty();

    setActive(userId, true);
    replica.refresh();
    assertThat(replica.current().grantFor(subject, Privilege.SELECT, tableOf(replica, table))).as("reactivated").isPresent();
  }

  private static io.gatehouse.policy.Securable tableOf(PolicyStore replica, String table) {
    return replica.current().catalog().byName(SecurableType.TABLE, table).securable();
  }

  private static void setActive(String userId, boolean active) {
    Identities.scim()
        .body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "replace", "path", "active", "value", active))))
        .patch(Identities.SCIM + "/Users/" + userId).then().statusCode(200);
  }

  private long databaseVersion() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM policy_state WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A principal's effective groups, nested ones included, as the database holds them. */
  private Set<String> groupsOf(String principal) throws Exception {
    String query = "WITH RECURSIVE g(id) AS ("
        + " SELECT m.group_id FROM group_members m JOIN principals p ON p.id = m.member_id WHERE lower(p.name) = lower(?)"
        + " UNION SELECT m.group_id FROM group_members m JOIN g ON m.member_id = g.id)"
        + " SELECT p.name FROM g JOIN principals p ON p.id = g.id WHERE p.active";
    Set<String> names = new HashSet<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, principal);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private void assertSameDecisions(String what, PolicySnapshot kept, PolicySnapshot loaded, World world) throws Exception {
    assertThat(kept.catalog().entries()).as(what).containsExactlyInAnyOrderElementsOf(loaded.catalog().entries());
    List<Target> targets = new ArrayList<>();
    for (CatalogSnapshot.Entry entry : loaded.catalog().entries()) {
      if (entry.fullName().equalsIgnoreCase(world.catalog) || entry.fullName().toLowerCase().startsWith(world.catalog.toLowerCase() + ".")) {
        targets.add(loaded.catalog().byId(entry.type(), entry.id()));
      }
    }
    assertThat(targets).as(what).hasSizeGreaterThan(3);
    int allowed = 0;
    for (String principal : world.principals()) {
      Subject subject = new Subject(principal, groupsOf(principal), false);
      for (Target target : targets) {
        Target keptTarget = kept.catalog().byId(target.securable().type(), target.securable().id());
        assertThat(keptTarget).as(what).isEqualTo(target);
        for (Privilege privilege : PRIVILEGES) {
          if (!privilege.checkedOn(target.securable().type())) {
            continue;
          }
          boolean expected = AccessCheck.has(loaded, subject, privilege, target).allowed();
          assertThat(AccessCheck.has(kept, subject, privilege, keptTarget).allowed())
              .as("%s: %s %s on %s", what, principal, privilege, target.names()).isEqualTo(expected);
          allowed += expected ? 1 : 0;
        }
      }
    }
    assertThat(allowed).as(what + ": the workload granted something, so the comparison can tell").isPositive();
  }
}
