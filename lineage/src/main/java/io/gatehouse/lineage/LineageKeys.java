package io.gatehouse.lineage;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Per-installation secret keys, in {@code lineage.installation_keys}: generated at random by the
 * first replica that asks, read by every other one. Nothing in the source or the configuration
 * holds them.
 */
public final class LineageKeys {
  /** The key of {@link PublicIds}. */
  public static final String PUBLIC_IDS = "public-ids";

  private static final String CREATE = """
      INSERT INTO lineage.installation_keys (name, key_bytes) VALUES (?, ?) ON CONFLICT (name) DO NOTHING
      """;
  private static final String READ = "SELECT key_bytes FROM lineage.installation_keys WHERE name = ?";

  private LineageKeys() {}

  /**
   * The key named {@code name}, created if missing (32 random bytes). Replicas starting at once
   * agree: the first insert wins and every one reads the stored key.
   *
   * @throws LineageStoreException if the database fails
   */
  public static byte[] loadOrCreate(DataSource dataSource, String name) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(CREATE)) {
        ps.setString(1, name);
        ps.setBytes(2, fresh);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(READ)) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new LineageStoreException("The installation key " + name + " vanished", null);
          }
          return rs.getBytes(1);
        }
      }
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read the installation key " + name, e);
    }
  }
}
