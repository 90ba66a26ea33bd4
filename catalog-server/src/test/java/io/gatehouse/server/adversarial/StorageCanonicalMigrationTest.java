package io.gatehouse.server.adversarial;

import static io.gatehouse.server.credentials.LakeWorld.tableCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V8__canonicalize_storage_locations;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows stored before V8 in other spellings: the migration rewrites them into the canonical one,
 * and where two collapse into one location the row already spelled canonically keeps it while
 * the other keeps its old spelling and gets no credentials.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class StorageCanonicalMigrationTest {
  static LakeWorld lake;

  @Inject
  AgroalDataSource dataSource;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
  }

  @Test
  void collapsingSpellingsLeaveTheLaterTableWithoutCredentials() throws SQLException {
    String orders = Api.unique("orders");
    String victimId = lake.table(orders, "warehouse/" + orders);
    String attacker = Storage.user("premigration");
    lake.outsideEngine(attacker);
    UUID shadowed = UUID.randomUUID();
    UUID renamed = UUID.randomUUID();
    String cost = Api.unique("cost");
    String oldSpelling = "s3n://" + lake.bucket + "/warehouse/" + orders;
    String otherSpelling = "s3a://" + lake.bucket.toUpperCase() + "//warehouse/%" + Integer.toHexString(cost.charAt(0)) + cost.substring(1) + "/";
    try (Connection c = dataSource.getConnection()) {
      insertTable(c, shadowed, Api.unique("grab"), oldSpelling, attacker);
      insertTable(c, renamed, cost, otherSpelling, attacker);
      migrate(c);
      assertThat(location(c, shadowed)).isEqualTo(oldSpelling);
      assertThat(location(c, renamed)).isEqualTo(lake.url("warehouse/" + cost));
      assertThat(claim(c, renamed)).isEqualTo(lake.url("warehouse/" + cost));
      assertThat(claim(c, UUID.fromString(victimId))).isEqualTo(lake.url("warehouse/" + orders));
    }
    Api.error(tableCredentials(Storage.as(attacker), shadowed.toString(), "READ"), 400, "FAILED_PRECONDITION");
    Api.error(tableCredentials(Api.json(), shadowed.toString(), "READ"), 400, "FAILED_PRECONDITION");
    tableCredentials(Api.json(), victimId, "READ").statusCode(200);
    tableCredentials(Api.json(), renamed.toString(), "READ").statusCode(200);
  }

  void insertTable(Connection c, UUID id, String name, String location, String owner) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO tables (id, schema_id, name, table_type, data_source_format, storage_location, owner,
                            created_at, created_by, updated_at, updated_by)
        SELECT ?, s.id, ?, 'EXTERNAL', 'DELTA', ?, ?, now(), ?, now(), ?
        FROM schemas s JOIN catalogs k ON k.id = s.catalog_id WHERE k.name = ? AND s.name = ?""")) {
      ps.setObject(1, id);
      ps.setString(2, name);
      ps.setString(3, location);
      ps.setString(4, owner);
      ps.setString(5, owner);
      ps.setString(6, owner);
      ps.setString(7, lake.catalog);
      ps.setString(8, lake.schema);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO storage_locations (location, securable_type, securable_id) VALUES (?, 'TABLE', ?)")) {
      ps.setString(1, location);
      ps.setObject(2, id);
      ps.executeUpdate();
    }
  }

  static void migrate(Connection c) throws SQLException {
    try {
      new V8__canonicalize_storage_locations().migrate(new Context() {
        @Override
        public Configuration getConfiguration() {
          return null;
        }

        @Override
        public Connection getConnection() {
          return c;
        }
      });
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String location(Connection c, UUID id) throws SQLException {
    return one(c, "SELECT storage_location FROM tables WHERE id = ?", id);
  }

  static String claim(Connection c, UUID id) throws SQLException {
    return one(c, "SELECT location FROM storage_locations WHERE securable_id = ?", id);
  }

  static String one(Connection c, String sql, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
