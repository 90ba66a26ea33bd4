package io.gatehouse.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Target;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Decision;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.authz.PolicyStore;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog snapshot that Authorize resolves names and ids in: after every catalog change it
 * holds what the database holds at the snapshot's version, and a caller's next Authorize sees its
 * own rename, drop or re-creation.
 */
@QuarkusTest
class CatalogSnapshotTest {
  private static final String SQL = "/api/gatehouse/v1/sql";
  private static ManagedChannel channel;

  @Inject PolicyStore policies;
  @Inject AgroalDataSource dataSource;

  @BeforeAll
  static void connect() {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static Decision authorize(SecurableRef.Builder ref, Privilege privilege) {
    AuthorizeResponse r = io.gatehouse.proto.v1.AuthorizationServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(GrpcApiTest.bearer(Api.ADMIN_TOKEN)).withDeadlineAfter(20, TimeUnit.SECONDS)
        .authorize(AuthorizeRequest.newBuilder().addChecks(Check.newBuilder().setSecurable(ref).setPrivilege(privilege)).build());
    return r.getDecisions(0);
  }

  private static Decision byName(SecurableType type, String name) {
    return authorize(SecurableRef.newBuilder().setType(type).setFullName(name), Privilege.SELECT);
  }

  private static Decision byId(SecurableType type, String id) {
    return authorize(SecurableRef.newBuilder().setType(type).setId(id), Privilege.SELECT);
  }

  private static void sql(String statement) {
    Api.json().body(Map.of("statement", statement)).post(SQL).then().statusCode(200);
  }

  private static String table(String schema, String name) {
    String[] s = schema.split("\\.");
    return Api.post("/tables", Api.externalTable(s[0], s[1], name, "s3://csnap/" + Api.unique("t"))).statusCode(200)
        .extract().path("table_id");
  }

  @Test
  void aNameRenamedAwayNoLongerResolvesAndTheNewNameDoes() {
    String schema = Api.schema();
    String id = table(schema, "before");
    assertThat(byName(SecurableType.TABLE, schema + ".before").getAllowed()).isTrue();

    sql("ALTER TABLE " + schema + ".before RENAME TO after");

    assertThat(byName(SecurableType.TABLE, schema + ".before").getError())
        .isEqualTo("table '" + schema + ".before' does not exist.");
    assertThat(byName(SecurableType.TABLE, schema + ".after").getAllowed()).isTrue();
    assertThat(byId(SecurableType.TABLE, id).getAllowed()).isTrue();
    assertThat(policies.current().catalog().byId(io.gatehouse.policy.SecurableType.TABLE, id).names())
        .last().isEqualTo(schema + ".after");

    String catalog = schema.split("\\.")[0];
    String renamed = Api.unique("renamed");
    Api.patch("/catalogs/" + catalog, Map.of("new_name", renamed)).statusCode(200);
    assertThat(byName(SecurableType.CATALOG, catalog).getError()).isEqualTo("catalog '" + catalog + "' does not exist.");
    assertThat(byName(SecurableType.TABLE, schema + ".after").getError()).contains("does not exist");
    assertThat(byName(SecurableType.TABLE, renamed + "." + schema.split("\\.")[1] + ".after").getAllowed()).isTrue();
  }

  @Test
  void aDroppedObjectNoLongerResolvesAndARecreatedOneResolvesToItsNewId() {
    String schema = Api.schema();
    String first = table(schema, "t");
    Api.delete("/tables/" + schema + ".t").statusCode(200);
    assertThat(byName(SecurableType.TABLE, schema + ".t").getError()).isEqualTo("table '" + schema + ".t' does not exist.");
    assertThat(byId(SecurableType.TABLE, first).getError()).isEqualTo("table '" + first + "' does not exist.");

    String second = table(schema, "t");
    assertThat(second).isNotEqualTo(first);
    assertThat(byName(SecurableType.TABLE, schema + ".t").getAllowed()).isTrue();
    assertThat(policies.current().catalog().byName(io.gatehouse.policy.SecurableType.TABLE, schema + ".t").securable().id())
        .isEqualTo(second);
    assertThat(byId(SecurableType.TABLE, first).getError()).contains("does not exist");
    assertThat(byId(SecurableType.TABLE, second).getAllowed()).isTrue();

    Api.delete("/schemas/" + schema + "?force=true").statusCode(200);
    assertThat(byName(SecurableType.SCHEMA, schema).getError()).isEqualTo("schema '" + schema + "' does not exist.");
    assertThat(byId(SecurableType.TABLE, second).getError()).contains("does not exist");
  }

  @Test
  void otherSpellingsResolveAsTheDatabaseMatchedThem() {
    String schema = Api.schema();
    String id = table(schema, "Mixed");
    String upper = schema.toUpperCase(Locale.ROOT) + ".MIXED";
    assertThat(byName(SecurableType.TABLE, upper).getAllowed()).isTrue();
    assertThat(byId(SecurableType.TABLE, id.toUpperCase(Locale.ROOT)).getAllowed()).isTrue();
    // Engines send names as stored, not SQL identifiers: quotes are part of the name, which
    // names nothing; so is a name with a part too many or too few.
    String[] s = schema.split("\\.");
    assertThat(byName(SecurableType.TABLE, "`" + s[0] + "`.`" + s[1] + "`.`Mixed`").getError()).contains("does not exist");
    assertThat(byName(SecurableType.TABLE, schema + ".mixed.x").getError()).contains("does not exist");
    assertThat(byName(SecurableType.TABLE, s[1] + ".mixed").getError()).contains("does not exist");
    assertThat(byId(SecurableType.TABLE, "not-an-id").getError()).isEqualTo("table 'not-an-id' does not exist.");
    // The snapshot's names keep the case they were created with.
    assertThat(policies.current().catalog().byName(io.gatehouse.policy.SecurableType.TABLE, upper).names())
        .containsExactly(s[0], schema, schema + ".Mixed");
  }

  /**
   * Random creations, renames, owner changes and drops of catalogs, schemas and tables (seeded, so
   * a failure replays); after each, the snapshot at the database's version equals the database.
   */
  @Test
  void theSnapshotEqualsTheDatabaseAfterRandomCatalogChanges() throws Exception {
    long seed = Long.getLong("catalog-snapshot.seed", System.nanoTime());
    Random random = new Random(seed);
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String email = Identities.email("csnap-owner");
      Identities.user(email);
      owners.add(email);
    }
    List<String> catalogs = new ArrayList<>();
    List<String> schemas = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    catalogs.add(Api.catalog());
    for (int step = 0; step < 60; step++) {
      String what = "seed " + seed + " step " + step;
      int op = random.nextInt(10);
      if (op == 0 || catalogs.isEmpty()) {
        catalogs.add(Api.catalog());
      } else if (op <= 2 || schemas.isEmpty()) {
        String catalog = pick(random, catalogs);
        String name = Api.unique("S");
        Api.post("/schemas", Map.of("name", name, "catalog_name", catalog)).statusCode(200);
        schemas.add(catalog + "." + name);
      } else if (op <= 4 || tables.isEmpty()) {
        String schema = pick(random, schemas);
        String name = Api.unique(random.nextBoolean() ? "t" : "T");
        table(schema, name);
        tables.add(schema + "." + name);
      } else if (op == 5) {
        String old = pick(random, tables);
        String name = Api.unique("r");
        sql("ALTER TABLE " + old + " RENAME TO " + name);
        tables.set(tables.indexOf(old), old.substring(0, old.lastIndexOf('.') + 1) + name);
      } else if (op == 6) {
        String old = pick(random, random.nextBoolean() ? schemas : catalogs);
        String name = Api.unique("n");
        if (schemas.contains(old)) {
          Api.patch("/schemas/" + old, Map.of("new_name", name)).statusCode(200);
          rename(schemas, tables, old, old.substring(0, old.indexOf('.') + 1) + name);
        } else {
          Api.patch("/catalogs/" + old, Map.of("new_name", name)).statusCode(200);
          catalogs.set(catalogs.indexOf(old), name);
          rename(schemas, tables, old, name);
        }
      } else if (op == 7) {
        String owner = pick(random, owners);
        int kind = random.nextInt(3);
        if (kind == 0) {
          Api.patch("/catalogs/" + pick(random, catalogs), Map.of("owner", owner)).statusCode(200);
        } else if (kind == 1) {
          Api.patch("/schemas/" + pick(random, schemas), Map.of("owner", owner)).statusCode(200);
        } else {
          Api.patch("/tables/" + pick(random, tables), Map.of("owner", owner)).statusCode(200);
        }
      } else if (op == 8) {
        String gone = pick(random, tables);
        Api.delete("/tables/" + gone).statusCode(200);
        tables.remove(gone);
      } else {
        boolean catalog = random.nextInt(3) == 0;
        String gone = pick(random, catalog ? catalogs : schemas);
        Api.delete((catalog ? "/catalogs/" : "/schemas/") + gone + "?force=true").statusCode(200);
        (catalog ? catalogs : schemas).remove(gone);
        schemas.removeIf(s -> s.startsWith(gone + "."));
        tables.removeIf(t -> t.startsWith(gone + "."));
      }
      assertSnapshotEqualsDatabase(what);
    }
  }

  private static String pick(Random random, List<String> names) {
    return names.get(random.nextInt(names.size()));
  }

  private static void rename(List<String> schemas, List<String> tables, String old, String renamed) {
    schemas.replaceAll(s -> s.equals(old) ? renamed : s.startsWith(old + ".") ? renamed + s.substring(old.length()) : s);
    tables.replaceAll(t -> t.startsWith(old + ".") ? renamed + t.substring(old.length()) : t);
  }

  /** Every catalog, schema, table, volume, function and registered model with its full name, parent and owner. */
  private static final String SECURABLES = "SELECT 'CATALOG', c.id::text, c.name, NULL, c.owner FROM catalogs c"
      + " UNION ALL SELECT 'SCHEMA', s.id::text, c.name || '.' || s.name, c.id::text, s.owner"
      + "   FROM schemas s JOIN catalogs c ON c.id = s.catalog_id"
      + " UNION ALL SELECT 'TABLE', t.id::text, c.name || '.' || s.name || '.' || t.name, s.id::text, t.owner"
      + "   FROM tables t JOIN schemas s ON s.id = t.schema_id JOIN catalogs c ON c.id = s.catalog_id"
      + " UNION ALL SELECT 'VOLUME', t.id::text, c.name || '.' || s.name || '.' || t.name, s.id::text, t.owner"
      + "   FROM volumes t JOIN schemas s ON s.id = t.schema_id JOIN catalogs c ON c.id = s.catalog_id"
      + " UNION ALL SELECT 'FUNCTION', t.id::text, c.name || '.' || s.name || '.' || t.name, s.id::text, t.owner"
      + "   FROM functions t JOIN schemas s ON s.id = t.schema_id JOIN catalogs c ON c.id = s.catalog_id"
      + " UNION ALL SELECT 'REGISTERED_MODEL', t.id::text, c.name || '.' || s.name || '.' || t.name, s.id::text, t.owner"
      + "   FROM registered_models t JOIN schemas s ON s.id = t.schema_id JOIN catalogs c ON c.id = s.catalog_id"
      + " UNION ALL SELECT 'EXTERNAL_LOCATION', id::text, name, NULL, owner FROM external_locations"
      + " UNION ALL SELECT 'STORAGE_CREDENTIAL', id::text, name, NULL, owner FROM storage_credentials";

  /**
   * Reads the database's version and securables in one transaction and compares them with the
   * snapshot of that version: the caller's write has loaded it before its answer, so only a
   * change made by something else in the meantime makes the loop read again.
   */
  private void assertSnapshotEqualsDatabase(String what) throws Exception {
    for (int attempt = 0; ; attempt++) {
      PolicySnapshot snapshot = policies.current();
      long version;
      List<CatalogSnapshot.Entry> rows = new ArrayList<>();
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = c.createStatement()) {
          try (ResultSet rs = s.executeQuery("SELECT version FROM policy_state WHERE id = 1")) {
            rs.next();
            version = rs.getLong(1);
          }
          try (ResultSet rs = s.executeQuery(SECURABLES)) {
            while (rs.next()) {
              rows.add(new CatalogSnapshot.Entry(io.gatehouse.policy.SecurableType.valueOf(rs.getString(1)),
                  rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
          }
        } finally {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
      if (snapshot.version() != version) {
        assertThat(attempt).as(what + ": the snapshot reaches the database's version " + version).isLessThan(100);
        Thread.sleep(20);
        continue;
      }
      CatalogSnapshot catalog = snapshot.catalog();
      assertThat(catalog.entries()).as(what).containsExactlyInAnyOrderElementsOf(rows);
      for (CatalogSnapshot.Entry row : rows) {
        Target named = catalog.byName(row.type(), row.fullName().toUpperCase(Locale.ROOT));
        assertThat(named).as(what + ": " + row).isNotNull();
        assertThat(named.securable().id()).as(what).isEqualTo(row.id());
        assertThat(named.names()).as(what).last().isEqualTo(row.fullName());
        assertThat(named.owners()).as(what).last().isEqualTo(row.owner());
        assertThat(catalog.byId(row.type(), row.id())).as(what).isEqualTo(named);
      }
      return;
    }
  }
}
