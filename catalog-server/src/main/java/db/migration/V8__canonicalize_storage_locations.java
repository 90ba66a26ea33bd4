package db.migration;

import io.gatehouse.credentials.StorageUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Rewrites every stored location into the one canonical spelling of {@link StorageUrl} (the
 * server's and the credential vendor's shared reading): table, volume and staging-table
 * locations with their claims in {@code storage_locations}, external location URLs, and the
 * storage roots and managed locations of catalogs and schemas.
 *
 * <p>Spellings that the old check let through may now collapse: {@code s3n://lake/a} and
 * {@code s3://lake/a}, or {@code s3a://lake/a} and {@code s3://lake/a/b}. Per registry (claims,
 * external locations) the rows already spelled canonically keep their place first, then the
 * others oldest first; a row whose canonical form equals, contains or lies inside one kept before
 * keeps its old spelling. Such a claim is no claim of its canonical location: no credentials are
 * vended for it (vending checks that the object holds its location in canonical form), and an
 * external location left in an old spelling contains no canonical path. Dropping and re-creating
 * the object, under today's checks, is the way back. A location with no canonical form at all
 * ({@code ..} hidden in escapes) is left as it was and gets no credentials either.
 */
public class V8__canonicalize_storage_locations extends BaseJavaMigration {

  private record Row(String location, UUID id, String holderTable) {}

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    canonicalizeClaims(c);
    canonicalizeExternalLocations(c);
    for (String table : List.of("catalogs", "schemas")) {
      for (String column : List.of("storage_root", "storage_location")) {
        canonicalizeColumn(c, table, column);
      }
    }
  }

  private static void canonicalizeClaims(Connection c) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("""
            SELECT l.location, l.securable_id,
                   CASE WHEN v.id IS NOT NULL THEN 'volumes' WHEN g.id IS NOT NULL THEN 'staging_tables' ELSE 'tables' END,
                   coalesce(t.created_at, v.created_at, g.created_at)
            FROM storage_locations l
            LEFT JOIN tables t ON t.id = l.securable_id
            LEFT JOIN volumes v ON v.id = l.securable_id
            LEFT JOIN staging_tables g ON g.id = l.securable_id
            ORDER BY 4 NULLS LAST, 1""")) {
      while (rs.next()) {
        rows.add(new Row(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)));
      }
    }
    Registry kept = new Registry();
    for (Row row : canonicalFirst(rows)) {
      StorageUrl canonical = canonical(row.location());
      if (canonical == null) {
        continue;
      }
      boolean isCanonical = canonical.toString().equals(row.location());
      if (!kept.add(canonical)) {
        if (isCanonical) { // shadowed although spelled canonically: it gives up its claim
          update(c, "DELETE FROM storage_locations WHERE location = ? AND location = ?", row.location(), row.location());
        }
        continue;
      }
      if (isCanonical) {
        continue;
      }
      update(c, "UPDATE storage_locations SET location = ? WHERE location = ?", canonical.toString(), row.location());
      String column = row.holderTable().equals("staging_tables") ? "staging_location" : "storage_location";
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE " + row.holderTable() + " SET " + column + " = ? WHERE id = ? AND " + column + " = ?")) {
        ps.setString(1, canonical.toString());
        ps.setObject(2, row.id());
        ps.setString(3, row.location());
        ps.executeUpdate();
      }
    }
  }

  private static void canonicalizeExternalLocations(Connection c) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT url, id FROM external_locations ORDER BY created_at, url")) {
      while (rs.next()) {
        rows.add(new Row(rs.getString(1), rs.getObject(2, UUID.class), "external_locations"));
      }
    }
    Registry kept = new Registry();
    for (Row row : canonicalFirst(rows)) {
      StorageUrl canonical = canonical(row.location());
      if (canonical == null || !kept.add(canonical) || canonical.toString().equals(row.location())) {
        continue;
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE external_locations SET url = ? WHERE id = ?")) {
        ps.setString(1, canonical.toString());
        ps.setObject(2, row.id());
        ps.executeUpdate();
      }
    }
  }

  private static void canonicalizeColumn(Connection c, String table, String column) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + column + ", id FROM " + table + " WHERE " + column + " IS NOT NULL")) {
      while (rs.next()) {
        rows.add(new Row(rs.getString(1), rs.getObject(2, UUID.class), table));
      }
    }
    for (Row row : rows) {
      StorageUrl canonical = canonical(row.location());
      if (canonical != null && !canonical.toString().equals(row.location())) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
          ps.setString(1, canonical.toString());
          ps.setObject(2, row.id());
          ps.executeUpdate();
        }
      }
    }
  }

  /** The rows already in canonical spelling first, each group in its given order. */
  private static List<Row> canonicalFirst(List<Row> rows) {
    List<Row> ordered = new ArrayList<>();
    List<Row> rest = new ArrayList<>();
    for (Row row : rows) {
      StorageUrl canonical = canonical(row.location());
      (canonical != null && canonical.toString().equals(row.location()) ? ordered : rest).add(row);
    }
    ordered.addAll(rest);
    return ordered;
  }

  private static StorageUrl canonical(String location) {
    try {
      return StorageUrl.parse(location);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void update(Connection c, String sql, String a, String b) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, a);
      ps.setString(2, b);
      ps.executeUpdate();
    }
  }

  /** Locations kept so far: none may equal, contain or lie inside another. */
  private static final class Registry {
    private final Set<String> locations = new HashSet<>();
    private final Set<String> ancestors = new HashSet<>();

    boolean add(StorageUrl url) {
      String self = url.toString();
      if (locations.contains(self) || ancestors.contains(self)) {
        return false;
      }
      List<String> above = new ArrayList<>();
      for (int i = 0; i < url.segments().size(); i++) {
        String ancestor = new StorageUrl(url.scheme(), url.authority(), url.segments().subList(0, i)).toString();
        if (locations.contains(ancestor)) {
          return false;
        }
        above.add(ancestor);
      }
      locations.add(self);
      ancestors.addAll(above);
      return true;
    }
  }
}
