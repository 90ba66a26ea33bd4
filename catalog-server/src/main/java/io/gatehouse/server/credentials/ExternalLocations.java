package io.gatehouse.server.credentials;

import io.gatehouse.credentials.S3Location;
import io.gatehouse.server.catalog.StorageLocation;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * External locations by path: which one contains a storage path (and so which storage credential
 * reaches it), which overlap a given URL, and which tables and volumes lie inside one. Every URL
 * and location is stored in its canonical spelling ({@link StorageLocation}), so plain string
 * prefixes on segment boundaries compare them.
 */
@ApplicationScoped
public class ExternalLocations {
  // The same URL, or one of the two inside the other on a path-segment boundary.
  private static final String OVERLAPS =
      "(url = ?1 OR left(?1, length(url) + 1) = url || '/' OR left(url, length(?1) + 1) = ?1 || '/')";

  /** {@code raw} as an external location URL: a valid S3 URL, in its canonical spelling. */
  static String canonicalUrl(String field, String raw) {
    StorageLocation location = StorageLocation.parse(field, raw);
    if (!location.url().isS3()) {
      throw GatehouseException.invalid("Field '" + field + "' must be an s3:// URL; Gatehouse vends AWS credentials only"
          + " (got '" + Validation.printable(raw) + "').");
    }
    try {
      return S3Location.of(location.url()).toString();
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("Field '" + field + "' does not name a valid S3 bucket (got '"
          + Validation.printable(raw) + "').");
    }
  }

  /** A stored table's or volume's location as S3, or null when it is not on S3. */
  static S3Location s3(String location) {
    if (location == null) {
      return null;
    }
    try {
      StorageLocation canonical = StorageLocation.stored(location);
      return canonical.url().isS3() ? S3Location.of(canonical.url()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * {@link #lockUrlsShared}, then {@link #containing} (null for a path not on S3), in one round
   * trip: the lock and the lookup are two statements, so the lookup's snapshot is taken once the
   * lock is granted and sees any location whose change held it.
   */
  ExternalLocationEntity containingUnderSharedLock(S3Location path) {
    if (path == null) {
      lockUrlsShared();
      return null;
    }
    return withCredential(containingId(path, true));
  }

  /** The external location containing {@code path}, its credential fetched along, or null. */
  public ExternalLocationEntity containing(S3Location path) {
    return withCredential(containingId(path, false));
  }

  // The longest URL that is the path or one of its ancestors on a segment boundary.
  private static final String CONTAINING = "SELECT id FROM external_locations"
      + " WHERE url = ? OR left(?, length(url) + 1) = url || '/' ORDER BY length(url) DESC LIMIT 1";
  private static final String LOCK_URLS_SHARED =
      "SELECT pg_advisory_xact_lock_shared(hashtextextended('gatehouse.external_locations', 0))";

  /** The id of the location containing {@code path}, after {@link #LOCK_URLS_SHARED} when {@code locked}. */
  private static UUID containingId(S3Location path, boolean locked) {
    // JDBC, not a Hibernate native query: two statements go in one round trip.
    return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
      try (PreparedStatement s = connection.prepareStatement(locked ? LOCK_URLS_SHARED + "; " + CONTAINING : CONTAINING)) {
        s.setString(1, path.toString());
        s.setString(2, path.toString());
        s.execute();
        if (locked) {
          s.getMoreResults(); // past the lock's row
        }
        try (ResultSet rs = s.getResultSet()) {
          return rs.next() ? rs.getObject(1, UUID.class) : null;
        }
      }
    });
  }

  private static ExternalLocationEntity withCredential(UUID id) {
    return id == null ? null
        : ExternalLocationEntity.find("from ExternalLocationEntity x join fetch x.credential where x.id = ?1", id).firstResult();
  }

  /**
   * Whether table or volume {@code id} holds {@code location} in the registry of storage paths.
   * Credentials are cut only for a location its object holds: a row that lost its place when
   * spellings were made canonical (V8) holds none.
   */
  boolean holds(UUID id, String location) {
    return !Panache.getEntityManager()
        .createNativeQuery("SELECT 1 FROM storage_locations WHERE securable_id = ?1 AND location = ?2")
        .setParameter(1, id)
        .setParameter(2, location)
        .getResultList().isEmpty();
  }

  /**
   * Serializes changes of external location URLs across the cluster for the rest of the
   * transaction, so that two overlapping locations cannot be created at once.
   */
  void lockUrls() {
    Panache.getEntityManager()
        .createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended('gatehouse.external_locations', 0))")
        .getResultList();
  }

  /**
   * Orders the caller's transaction against external locations being created or moved: taken
   * by whoever places a table, volume or storage root, so that a location created at the same
   * time sees that placement and refuses to cover it.
   */
  void lockUrlsShared() {
    Panache.getEntityManager()
        .createNativeQuery(LOCK_URLS_SHARED)
        .getResultList();
  }

  /**
   * Whether a table, volume, staging table or catalog or schema managed location lies inside
   * {@code url} (or equals it) but not inside {@code previousUrl} (null for a new location):
   * storage placed without the new location's privileges, which it must not come to cover.
   */
  boolean coversUnadmitted(String url, String previousUrl) {
    @SuppressWarnings("unchecked")
    List<Integer> found = Panache.getEntityManager()
        .createNativeQuery("SELECT 1 FROM (SELECT location FROM storage_locations"
            + " UNION ALL SELECT storage_location FROM catalogs WHERE storage_location IS NOT NULL"
            + " UNION ALL SELECT storage_location FROM schemas WHERE storage_location IS NOT NULL) s"
            + " WHERE (location = ?1 OR left(location, length(?1) + 1) = ?1 || '/')"
            + " AND NOT (location = ?2 OR left(location, length(?2) + 1) = ?2 || '/') LIMIT 1", Integer.class)
        .setParameter(1, url)
        .setParameter(2, previousUrl == null ? "" : previousUrl)
        .getResultList();
    return !found.isEmpty();
  }

  /** The name of another external location that equals, contains or lies inside {@code url}, or null. */
  String overlapping(String url, UUID except) {
    @SuppressWarnings("unchecked")
    List<String> names = Panache.getEntityManager()
        .createNativeQuery("SELECT name || ' (' || url || ')' FROM external_locations WHERE id <> ?2 AND " + OVERLAPS + " LIMIT 1")
        .setParameter(1, url)
        .setParameter(2, except == null ? new UUID(0, 0) : except)
        .getResultList();
    return names.isEmpty() ? null : names.get(0);
  }

  /** A table or volume location inside {@code url} (or equal to it), or null. */
  String dependentPath(String url) {
    @SuppressWarnings("unchecked")
    List<String> paths = Panache.getEntityManager()
        .createNativeQuery("SELECT location FROM storage_locations"
            + " WHERE location = ?1 OR left(location, length(?1) + 1) = ?1 || '/' LIMIT 1")
        .setParameter(1, url)
        .getResultList();
    return paths.isEmpty() ? null : paths.get(0);
  }

  /** A table or volume location that equals, contains or lies inside {@code url}, or null. */
  String overlappingTableOrVolume(String url) {
    @SuppressWarnings("unchecked")
    List<String> paths = Panache.getEntityManager()
        .createNativeQuery("SELECT location FROM storage_locations WHERE location = ?1"
            + " OR left(location, length(?1) + 1) = ?1 || '/' OR left(?1, length(location) + 1) = location || '/' LIMIT 1")
        .setParameter(1, url)
        .getResultList();
    return paths.isEmpty() ? null : paths.get(0);
  }
}
