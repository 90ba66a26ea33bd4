package io.gatehouse.server.catalog;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.common.GatehouseException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
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

  // A location overlaps the path when it is the path or one of its ancestors (one array, probed in
  // the primary key), or a descendant: a location that starts with the path and '/', the
  // byte-order range ['path/', 'path0') ('0' follows '/') of the text_pattern_ops index. Each part
  // is written so that its generic plan must use its index: with the parts joined by OR (and the
  // descendants as a LIKE with a parameter pattern), the planner expected a hundred matches and
  // took the first of them from a scan of every location, once per create.
  private static final String SAME_OR_ANCESTOR = "location = ANY(?::text[])";
  private static final String FIRST_DESCENDANT =
      "location ~>=~ ? AND location ~<~ ? ORDER BY location USING ~<~ LIMIT 1";
  static final String OVERLAPPING =
      "SELECT location, securable_type, securable_id FROM storage_locations WHERE " + SAME_OR_ANCESTOR
          + " UNION ALL (SELECT location, securable_type, securable_id FROM storage_locations WHERE "
          + FIRST_DESCENDANT + ") LIMIT 1";
  static final String CLAIM =
      "INSERT INTO storage_locations (location, securable_type, securable_id) SELECT ?, ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM storage_locations WHERE " + SAME_OR_ANCESTOR + ")"
          + " AND NOT EXISTS (SELECT 1 FROM (SELECT location FROM storage_locations WHERE " + FIRST_DESCENDANT
          + ") AS descendant)";

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
                  Array sameOrAncestors = connection.createArrayOf("text", sameOrAncestors(path, ancestors));
                  // Ancestors shared, then the path itself exclusive, in one statement; then the
                  // claim in a statement of its own, so that its snapshot sees every claim committed
                  // before the locks were granted. Both go in one round trip.
                  try (PreparedStatement lockAndClaim = connection.prepareStatement(
                      "SELECT count(*) FROM ("
                          + " SELECT pg_advisory_xact_lock_shared(hashtextextended(a, 0)) FROM unnest(?::text[]) AS a"
                          + " UNION ALL SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locks; " + CLAIM)) {
                    lockAndClaim.setArray(1, ancestorArray);
                    lockAndClaim.setString(2, path);
                    lockAndClaim.setString(3, path);
                    lockAndClaim.setString(4, holder.name());
                    lockAndClaim.setObject(5, id);
                    lockAndClaim.setArray(6, sameOrAncestors);
                    lockAndClaim.setString(7, path + "/");
                    lockAndClaim.setString(8, path + "0");
                    lockAndClaim.execute(); // the locks' count
                    if (!lockAndClaim.getMoreResults() && lockAndClaim.getUpdateCount() == 1) {
                      return null;
                    }
                  }
                  try (PreparedStatement overlap = connection.prepareStatement(OVERLAPPING)) {
                    overlap.setArray(1, sameOrAncestors);
                    overlap.setString(2, path + "/");
                    overlap.setString(3, path + "0");
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
      try (PreparedStatement overlap = connection.prepareStatement(OVERLAPPING)) {
        overlap.setArray(1, connection.createArrayOf("text", sameOrAncestors(path, ancestors)));
        overlap.setString(2, path + "/");
        overlap.setString(3, path + "0");
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

  private static String[] sameOrAncestors(String path, String[] ancestors) {
    String[] all = Arrays.copyOf(ancestors, ancestors.length + 1);
    all[ancestors.length] = path;
    return all;
  }

  private record Conflict(String location, Holder holder, UUID id) {}
}
