package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.LineageStoreException;
import io.gatehouse.lineage.TableRef;
import io.gatehouse.lineage.TableResolver;
import io.gatehouse.server.catalog.StorageLocation;
import io.gatehouse.server.common.GatehouseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps OpenLineage datasets to catalog tables and model versions with one indexed statement per
 * look-up, on plain JDBC: the lineage module calls it from its own writer threads, where no
 * request or Hibernate session exists. Names compare as the catalog compares them
 * (case-insensitively). A location maps to the table whose storage location is the location
 * itself or one of its ancestors, or to the model version whose folder
 * ({@code <model location>/versions/<n>}) is; the model's own folder, or anything in it outside
 * a version's folder, maps to nothing.
 */
@ApplicationScoped
public class CatalogTableResolver implements TableResolver {
  private static final String BY_NAME = """
      SELECT t.id, c.name || '.' || s.name || '.' || t.name
      FROM catalogs c JOIN schemas s ON s.catalog_id = c.id JOIN tables t ON t.schema_id = s.id
      WHERE lower(c.name) = ? AND lower(s.name) = ? AND lower(t.name) = ?
      """;
  private static final String BY_LOCATION = """
      SELECT t.id, c.name || '.' || s.name || '.' || t.name
      FROM storage_locations l JOIN tables t ON t.id = l.securable_id
      JOIN schemas s ON s.id = t.schema_id JOIN catalogs c ON c.id = s.catalog_id
      WHERE l.location = ANY (?::text[]) AND l.securable_type = 'TABLE'
      ORDER BY length(l.location) DESC LIMIT 1
      """;
  // Version n's folder is <model location>/versions/n: the candidates are the location's
  // ancestors, so the model's location is one of them exactly when the location lies inside it.
  private static final String MODEL_VERSION_BY_LOCATION = """
      SELECT v.id, c.name || '.' || s.name || '.' || m.name, v.version, l.location
      FROM storage_locations l JOIN registered_models m ON m.id = l.securable_id
      JOIN model_versions v ON v.model_id = m.id
      JOIN schemas s ON s.id = m.schema_id JOIN catalogs c ON c.id = s.catalog_id
      WHERE l.location = ANY (?::text[]) AND l.securable_type = 'MODEL'
        AND l.location || '/versions/' || v.version = ANY (?::text[])
      LIMIT 1
      """;
  private static final String MODEL_VERSION_BY_NAME = """
      SELECT v.id, c.name || '.' || s.name || '.' || m.name, v.version
      FROM catalogs c JOIN schemas s ON s.catalog_id = c.id JOIN registered_models m ON m.schema_id = s.id
      JOIN model_versions v ON v.model_id = m.id
      WHERE lower(c.name) = ? AND lower(s.name) = ? AND lower(m.name) = ? AND v.version = ?
      """;

  private final AgroalDataSource dataSource;

  CatalogTableResolver(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<TableRef> byFullName(String fullName) {
    String[] parts = fullName.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BY_NAME)) {
      for (int i = 0; i < 3; i++) {
        ps.setString(i + 1, parts[i].toLowerCase(Locale.ROOT));
      }
      return first(ps);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not look up a table by name", e);
    }
  }

  @Override
  public Optional<TableRef> byStorageLocation(String location) {
    List<String> candidates = selfAndAncestors(location);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection()) {
      Optional<TableRef> table;
      try (PreparedStatement ps = c.prepareStatement(BY_LOCATION)) {
        ps.setArray(1, c.createArrayOf("text", candidates.toArray()));
        table = first(ps);
      }
      if (table.isPresent()) {
        return table;
      }
      try (PreparedStatement ps = c.prepareStatement(MODEL_VERSION_BY_LOCATION)) {
        ps.setArray(1, c.createArrayOf("text", candidates.toArray()));
        ps.setArray(2, c.createArrayOf("text", candidates.toArray()));
        return firstModelVersion(ps);
      }
    } catch (SQLException e) {
      throw new LineageStoreException("Could not look up a table by location", e);
    }
  }

  @Override
  public Optional<TableRef> byModelVersion(String modelFullName, long version) {
    String[] parts = modelFullName.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MODEL_VERSION_BY_NAME)) {
      for (int i = 0; i < 3; i++) {
        ps.setString(i + 1, parts[i].toLowerCase(Locale.ROOT));
      }
      ps.setLong(4, version);
      return firstModelVersion(ps);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not look up a model version by name", e);
    }
  }

  private static Optional<TableRef> firstModelVersion(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(new TableRef(rs.getObject(1, UUID.class), TableRef.modelVersionName(rs.getString(2), rs.getLong(3))))
          : Optional.empty();
    }
  }

  /**
   * The location in the catalog's canonical spelling ({@link StorageLocation}, the one tables
   * are stored in: Hadoop's {@code s3a://} and {@code s3n://}, which Spark jobs write through,
   * are {@code s3://} there) and each of its ancestors on a segment boundary; empty for a
   * location the catalog could not hold.
   */
  static List<String> selfAndAncestors(String location) {
    StorageLocation canonical;
    try {
      canonical = StorageLocation.parse("location", location);
    } catch (GatehouseException e) {
      return List.of();
    }
    List<String> result = new ArrayList<>(canonical.ancestors());
    result.add(canonical.toString());
    return result;
  }

  private static Optional<TableRef> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(new TableRef(rs.getObject(1, UUID.class), rs.getString(2))) : Optional.empty();
    }
  }
}
