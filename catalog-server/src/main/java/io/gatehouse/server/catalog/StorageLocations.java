package io.gatehouse.server.catalog;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.common.GatehouseException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Registry of the storage paths held by tables and volumes. No path may equal, contain or lie
 * inside another: credentials are later vended by prefix, and an overlap would hand one table's
 * files to another table's readers.
 *
 * <p>Concurrent claims are ordered by advisory locks in the claiming transaction: a claim takes
 * its own path exclusively and every ancestor path shared, so two overlapping claims always meet
 * on one lock while claims on sibling paths do not wait for each other.
 */
@ApplicationScoped
public class StorageLocations {
  private final Authorizer authorizer;

  StorageLocations(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  public enum Holder { TABLE, VOLUME, MODEL }

  // The same path, one of its ancestors, or one of its descendants: those that start with the
  // path and '/', as the byte-order range ['path/', 'path0') ('0' follows '/'), which the
  // text_pattern_ops index answers under a generic plan (a LIKE with a parameter pattern was
  // planned as a scan of every location, once per create).
  private static final String OVERLAP_CONDITION =
      "location = ? OR location = ANY(?::text[]) OR (location ~>=~ ? AND location ~<~ ?)";
  private static final String OVERLAP = "SELECT 1 FROM storage_locations WHERE " + OVERLAP_CONDITION;

  /** Records that {@code holder} {@code id} owns {@code location}, or fails naming the overlap. */
  public void claim(StorageLocation location, Holder holder, UUID id) {
    String path = location.toString();
    String[] ancestors = location.ancestors().toArray(String[]::new);
    Conflict conflict =
        Panache.getEntityManager()
            .unwrap(Session.class)
            .doReturningWork(
                connection -> {
                  Array ancestorArray = connection.createArrayOf("text", ancestors);
                  // Ancestors shared, then the path itself exclusive: one statement, in order.
                  try (PreparedStatement lock =
                      connection.prepareStatement(
                          "SELECT count(*) FROM ("
                              + " SELECT pg_advisory_xact_lock_shared(hashtextextended(a, 0)) FROM unnest(?::text[]) AS a"
                              + " UNION ALL SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locks")) {
                    lock.setArray(1, ancestorArray);
                    lock.setString(2, path);
                    lock.executeQuery().close();
                  }
                  // A new statement, so its snapshot sees every claim committed before the locks.
                  try (PreparedStatement insert =
                      connection.prepareStatement(
                          "INSERT INTO storage_locations (location, securable_type, securable_id)"
                              + " SELECT ?, ?, ? WHERE NOT EXISTS (" + OVERLAP + ")")) {
                    insert.setString(1, path);
                    insert.setString(2, holder.name());
                    insert.setObject(3, id);
                    insert.setString(4, path);
                    insert.setArray(5, ancestorArray);
                    insert.setString(6, path + "/");
                    insert.setString(7, path + "0");
                    if (insert.executeUpdate() == 1) {
                      return null;
                    }
                  }
                  try (PreparedStatement overlap =
                      connection.prepareStatement(
                          "SELECT location, securable_type, securable_id FROM storage_locations WHERE "
                              + OVERLAP_CONDITION + " LIMIT 1")) {
                    overlap.setString(1, path);
                    overlap.setArray(2, ancestorArray);
                    overlap.setString(3, path + "/");
                    overlap.setString(4, path + "0");
                    try (ResultSet rs = overlap.executeQuery()) {
                      rs.next();
                      return new Conflict(
                          rs.getString(1), Holder.valueOf(rs.getString(2)), rs.getObject(3, UUID.class));
                    }
                  }
                });
    if (conflict != null) {
      throw GatehouseException.invalid(
          "storage_location '" + path + "' overlaps " + describe(conflict)
              + "; a location may not equal, contain or lie inside another.");
    }
  }

  /**
   * Fails as {@link #claim} would if {@code location} overlaps a location held now, without
   * claiming it: for data written before its object exists (an Iceberg staged create).
   */
  public void requireFree(StorageLocation location) {
    String path = location.toString();
    String[] ancestors = location.ancestors().toArray(String[]::new);
    Conflict conflict = Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
      try (PreparedStatement overlap = connection.prepareStatement(
          "SELECT location, securable_type, securable_id FROM storage_locations WHERE " + OVERLAP_CONDITION + " LIMIT 1")) {
        overlap.setString(1, path);
        overlap.setArray(2, connection.createArrayOf("text", ancestors));
        overlap.setString(3, path + "/");
        overlap.setString(4, path + "0");
        try (ResultSet rs = overlap.executeQuery()) {
          return rs.next() ? new Conflict(rs.getString(1), Holder.valueOf(rs.getString(2)), rs.getObject(3, UUID.class)) : null;
        }
      }
    });
    if (conflict != null) {
      throw GatehouseException.invalid(
          "storage_location '" + path + "' overlaps " + describe(conflict)
              + "; a location may not equal, contain or lie inside another.");
    }
  }

  public void release(UUID id) {
    Panache.getEntityManager()
        .createNativeQuery("DELETE FROM storage_locations WHERE securable_id = ?1")
        .setParameter(1, id)
        .executeUpdate();
  }

  /** Releases the locations of every table and volume in the schemas of {@code catalogId}. */
  public void releaseCatalog(UUID catalogId) {
    Panache.getEntityManager()
        .createNativeQuery(
            "DELETE FROM storage_locations WHERE securable_id IN ("
                + " SELECT t.id FROM tables t JOIN schemas s ON s.id = t.schema_id WHERE s.catalog_id = ?1"
                + " UNION ALL"
                + " SELECT v.id FROM volumes v JOIN schemas s ON s.id = v.schema_id WHERE s.catalog_id = ?1"
                + " UNION ALL"
                + " SELECT m.id FROM registered_models m JOIN schemas s ON s.id = m.schema_id WHERE s.catalog_id = ?1"
                + " UNION ALL"
                + " SELECT g.id FROM staging_tables g JOIN schemas s ON s.id = g.schema_id WHERE s.catalog_id = ?1)")
        .setParameter(1, catalogId)
        .executeUpdate();
  }

  public void releaseSchema(UUID schemaId) {
    Panache.getEntityManager()
        .createNativeQuery(
            "DELETE FROM storage_locations WHERE securable_id IN ("
                + " SELECT id FROM tables WHERE schema_id = ?1"
                + " UNION ALL SELECT id FROM volumes WHERE schema_id = ?1"
                + " UNION ALL SELECT id FROM registered_models WHERE schema_id = ?1"
                + " UNION ALL SELECT id FROM staging_tables WHERE schema_id = ?1)")
        .setParameter(1, schemaId)
        .executeUpdate();
  }

  /**
   * The holder of the overlapping location, named only to a caller that may see it: the error
   * must not tell a name, nor a path, that the caller's grants do not show.
   */
  private String describe(Conflict conflict) {
    SchemaChildEntity owner = switch (conflict.holder()) {
      case TABLE -> TableEntity.findById(conflict.id());
      case VOLUME -> VolumeEntity.findById(conflict.id());
      case MODEL -> RegisteredModelEntity.findById(conflict.id());
    };
    if (owner == null) {
      return "the location of another table, volume or staging table";
    }
    if (!AccessCheck.canSee(authorizer.snapshot(), authorizer.subject(), Securables.of(owner)).allowed()) {
      return "the location of another table or volume";
    }
    String kind = switch (conflict.holder()) {
      case TABLE -> "table";
      case VOLUME -> "volume";
      case MODEL -> "registered model";
    };
    return "'" + conflict.location() + "', the location of " + kind + " " + owner.fullName();
  }

  private record Conflict(String location, Holder holder, UUID id) {}
}
